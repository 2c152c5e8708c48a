/* SPDX-License-Identifier: MIT */
/* bench/: examples/new_module/new_module.cpp written by hand in C, the way an OpenSIPS 4.0 C module is
 * written: the baseline that bench/compile_cost sets against it. The seed of the classic "write an
 * OpenSIPS module" article (new_param checked at startup, db_url, new_function([text]) in request and
 * onreply routes), plus one of each capability the example shows:
 *   - modparam max_greetings (INT, default 100, at least 1)
 *   - statistic "greetings" (get_statistics new_module:greetings)
 *   - greet(name, $out): writes "<new_param>, <name>" into $out; -1 once max_greetings were made
 *   - reply_with(code[, reason]): a stateless reply through the sl module; code 300..699, checked at
 *     startup when it is a number
 *   - MI "greetings": {"greetings": N, "max_greetings": M} */
#include <string.h>

#include "c_abi.h"

#define BENCH_MOD "new_module"

/* the route types of a function on a request (modsdk::request) */
#define REQ_ROUTES (REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE | ERROR_ROUTE | LOCAL_ROUTE)

static char *new_param = "Hello";
static char *db_url = NULL;
static int max_greetings = 100;

static stat_var *greetings_stat;

/* bound in mod_init, before the workers fork; slb.reply stays NULL without the sl module */
static struct sl_binds slb;

static const str default_reason = {"Rejected by new_module", sizeof("Rejected by new_module") - 1};

static unsigned long greetings_made(void)
{
	return greetings_stat ? get_stat_val(greetings_stat) : 0;
}

static int mod_init(void)
{
	if (!new_param || !*new_param) {
		B_LM_ERR("new_param must not be empty\n");
		return -1;
	}
	if (max_greetings < 1) {
		B_LM_ERR("max_greetings must be at least 1 (got %d)\n", max_greetings);
		return -1;
	}
	/* the sl module is only needed by reply_with(): without it, reply_with() fails when called */
	if (load_sl_api(&slb) < 0) {
		memset(&slb, 0, sizeof slb);
		B_LM_WARN("the sl module is not loaded: reply_with() will fail\n");
	}
	B_LM_INFO("initializing new_module (db_url %s)\n", db_url ? db_url : "unset");
	return 0;
}

static void mod_destroy(void)
{
	B_LM_INFO("destroying new_module\n");
}

static int w_new_function(struct sip_msg *msg, str *text)
{
	if (text)
		B_LM_INFO("new_function(%.*s)\n", text->len, text->s);
	else
		B_LM_INFO("new_function(%s)\n", new_param);
	return 1;
}

/* startup check of greet()'s second parameter: it must be a variable the script can assign */
static int fixup_writable_var(void **param)
{
	if (!B_PV_IS_WRITABLE(*param)) {
		B_LM_ERR("greet(): the output parameter must be a writable variable, like $var(name)\n");
		return -1;
	}
	return 0;
}

static int w_greet(struct sip_msg *msg, str *name, struct pv_spec *out)
{
	pv_value_t val;
	int prefix_len, len, rc;
	char *buf;

	if (greetings_made() >= (unsigned long)max_greetings) {
		B_LM_WARN("not greeting %.*s: max_greetings (%d) reached\n", name->len, name->s, max_greetings);
		return -1;
	}
	if (greetings_stat)
		update_stat(greetings_stat, 1);
	B_LM_DBG("greeting #%lu for %.*s\n", greetings_made(), name->len, name->s);

	prefix_len = strlen(new_param);
	len = prefix_len + 2 + name->len;
	buf = pkg_malloc(len);
	if (!buf) {
		B_LM_ERR("no more pkg memory (%d bytes)\n", len);
		return -1;
	}
	memcpy(buf, new_param, prefix_len);
	buf[prefix_len] = ',';
	buf[prefix_len + 1] = ' ';
	memcpy(buf + prefix_len + 2, name->s, name->len);

	val.rs.s = buf;
	val.rs.len = len;
	val.ri = 0;
	val.flags = PV_VAL_STR;
	rc = pv_set_value(msg, out, EQ_T, &val);
	pkg_free(buf);
	if (rc < 0) {
		B_LM_ERR("failed to set the output variable of greet()\n");
		return -1;
	}
	return 1;
}

/* startup check of reply_with()'s code; a variable is checked the same way at each call */
static int fixup_final_code(void **param)
{
	int code = *(int *)*param;

	if (code < 300 || code > 699) {
		B_LM_ERR("reply_with(): bad code %d, expected a final SIP status code from 300 to 699\n", code);
		return -1;
	}
	return 0;
}

static int w_reply_with(struct sip_msg *msg, int *code, str *reason)
{
	const str *r = reason ? reason : &default_reason;

	if (!slb.reply) {
		B_LM_ERR("cannot reply %d %.*s: the sl module is not loaded\n", *code, r->len, r->s);
		return -1;
	}
	if (slb.reply(msg, *code, r, NULL) < 0) {
		B_LM_ERR("failed to send the reply %d %.*s\n", *code, r->len, r->s);
		return -1;
	}
	return 1;
}

static mi_response_t *mi_greetings(const mi_params_t *params, struct mi_handler *async_hdl)
{
	mi_response_t *resp;
	mi_item_t *obj;

	resp = init_mi_result_object(&obj);
	if (!resp)
		return NULL;
	if (add_mi_number(obj, MI_SSTR("greetings"), greetings_made()) < 0 ||
	    add_mi_number(obj, MI_SSTR("max_greetings"), max_greetings) < 0) {
		free_mi_response(resp);
		return NULL;
	}
	return resp;
}

static const cmd_export_t cmds[] = {
	{"greet", (cmd_function)w_greet, {
		{CMD_PARAM_STR, 0, 0},
		{CMD_PARAM_VAR, fixup_writable_var, 0}, {0, 0, 0}},
		REQ_ROUTES},
	{"reply_with", (cmd_function)w_reply_with, {
		{CMD_PARAM_INT, fixup_final_code, 0},
		{CMD_PARAM_STR | CMD_PARAM_OPT, 0, 0}, {0, 0, 0}},
		REQ_ROUTES},
	{"new_function", (cmd_function)w_new_function, {{CMD_PARAM_STR | CMD_PARAM_OPT, 0, 0}, {0, 0, 0}},
		REQUEST_ROUTE | ONREPLY_ROUTE},
	{0, 0, {{0, 0, 0}}, 0}
};

static const param_export_t params[] = {
	{"max_greetings", INT_PARAM, &max_greetings},
	{"new_param", STR_PARAM, &new_param},
	{"db_url", STR_PARAM, &db_url},
	{0, 0, 0}
};

static const stat_export_t stats[] = {
	{"greetings", 0, &greetings_stat},
	{0, 0, 0}
};

static const mi_export_t mi_cmds[] = {
	{"greetings", "How many greetings greet() made, and the limit", 0, 0, {
		{mi_greetings, {0}},
		{0, {0}}}, {0}},
	{0, 0, 0, 0, {{0, {0}}}, {0}}
};

const module_exports_t exports = {
	BENCH_MOD, MOD_TYPE_DEFAULT, {B_VERSION, B_FLAGS, {B_SCM_TYPE, B_SCM_REV}}, 0,
	0, 0, cmds, 0, params, stats, mi_cmds, 0, 0, 0,
	0, mod_init, 0, mod_destroy, 0, 0
};
