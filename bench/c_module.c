/* SPDX-License-Identifier: MIT */
/* bench/: the hand-written C baseline. The same script functions as modsdk_module.cpp, written the way
 * a classic C module writes them: one wrapper per function taking the core's void* slots as the types
 * its cmd_export_t entry promises, cast to cmd_function, and a fixup that parses text at startup. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "c_abi.h"

#define BENCH_MOD "bench_c"

/* what the functions "do": an extern variable, so the compiler must keep every store */
unsigned long bench_c_sink;

struct bench_port { int value; };

static int c_bench_int(struct sip_msg *msg, int *n)
{
	bench_c_sink += (unsigned long)*n;
	return *n > 0 ? 1 : -1;
}

static int c_bench_str(struct sip_msg *msg, str *s)
{
	bench_c_sink += (unsigned long)s->len + (s->len ? (unsigned char)s->s[0] : 0);
	return s->len ? 1 : -1;
}

static int c_bench_opt(struct sip_msg *msg, int *n)
{
	bench_c_sink += (unsigned long)(n ? *n : 10);
	return 1;
}

static int c_bench_out(struct sip_msg *msg, struct pv_spec *out)
{
	pv_value_t v;
	v.rs.s = NULL;
	v.rs.len = 0;
	v.ri = 42;
	v.flags = PV_VAL_INT | PV_TYPE_INT;
	return pv_set_value(msg, out, EQ_T, &v) >= 0 ? 1 : -1;
}

/* startup: "5060" -> a struct bench_port the slot points at from then on */
static int fixup_port(void **param)
{
	str *s = (str *)*param;
	struct bench_port *p;
	int i, v = 0;

	if (s->len <= 0 || s->len > 5)
		return -1;
	for (i = 0; i < s->len; i++) {
		if (s->s[i] < '0' || s->s[i] > '9')
			return -1;
		v = v * 10 + (s->s[i] - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	p = malloc(sizeof *p);
	if (!p)
		return -1;
	p->value = v;
	*param = p;
	return 0;
}

static int free_fixup_port(void **param)
{
	free(*param);
	*param = NULL;
	return 0;
}

static int c_bench_user(struct sip_msg *msg, struct bench_port *p)
{
	bench_c_sink += (unsigned long)p->value;
	return 1;
}

static int c_bench_log(struct sip_msg *msg, int *n)
{
	B_LM_DBG("value %d\n", *n);
	return 1;
}

static int c_bench_log_on(struct sip_msg *msg, int *n)
{
	B_LM_INFO("value %d\n", *n);
	return 1;
}

static int c_bench_nop(struct sip_msg *msg)
{
	return 1;
}

/* select-by-key, the classic way: a handle opened at startup (bench_c_db_init, as child_init does),
 * use_table + query with one key, the first row's first column, free_result */
static db_func_t c_dbf;
static db_con_t *c_db_handle;
static str c_table = {"greetings", 9};
static str c_caller_col = {"caller", 6};
static str c_greeting_col = {"greeting", 8};

int bench_c_db_init(const char *url)
{
	str u;
	u.s = (char *)url;
	u.len = (int)strlen(url);
	if (db_bind_mod(&u, &c_dbf) < 0)
		return -1;
	c_db_handle = c_dbf.init(&u);
	return c_db_handle ? 0 : -1;
}

void bench_c_db_close(void)
{
	if (c_db_handle)
		c_dbf.close(c_db_handle);
	c_db_handle = NULL;
}

static int c_bench_db(struct sip_msg *msg, str *caller)
{
	db_key_t keys[1], cols[1];
	db_val_t vals[1];
	db_res_t *res = NULL;
	db_val_t *v;
	int rc = -1;

	keys[0] = &c_caller_col;
	cols[0] = &c_greeting_col;
	VAL_TYPE(&vals[0]) = DB_STR;
	VAL_NULL(&vals[0]) = 0;
	VAL_STR(&vals[0]) = *caller;

	if (c_dbf.use_table(c_db_handle, &c_table) < 0) {
		B_LM_ERR("cannot use table greetings\n");
		return -1;
	}
	if (c_dbf.query(c_db_handle, keys, 0, vals, cols, 1, 1, 0, &res) < 0) {
		B_LM_ERR("select from greetings failed\n");
		return -1;
	}
	if (RES_ROW_N(res) > 0) {
		v = &ROW_VALUES(&RES_ROWS(res)[0])[0];
		if (!VAL_NULL(v)) {
			if (VAL_TYPE(v) == DB_STR) {
				bench_c_sink += (unsigned long)VAL_STR(v).len;
				rc = 1;
			} else if (VAL_TYPE(v) == DB_STRING) {
				bench_c_sink += (unsigned long)strlen(VAL_STRING(v));
				rc = 1;
			}
		}
	}
	c_dbf.free_result(c_db_handle, res);
	return rc;
}

/* an AVP the script set, read by id (resolved on the first call, as many modules do in their fixup) */
static int c_avp_id = -1;
static int c_bench_avp(struct sip_msg *msg)
{
	int_str v;
	if (c_avp_id < 0) {
		str name = {"bench_avp", 9};
		if (parse_avp_spec(&name, &c_avp_id) != 0)
			return -1;
	}
	if (!search_first_avp(0, c_avp_id, &v, 0))
		return -1;
	bench_c_sink += (unsigned long)v.n;
	return 1;
}

/* an event with two parameters (a caller and a code), published in mod_init (bench_c_evi_init), raised
 * the classic way: probe, build the list, raise (the core frees the list) */
static event_id_t c_evi_id = EVI_ERROR;
static str c_evi_name = {"E_BENCH_C", 9};
static str c_evi_caller = {"caller", 6};
static str c_evi_code = {"code", 4};

int bench_c_evi_init(void)
{
	c_evi_id = evi_publish_event(c_evi_name);
	return c_evi_id == EVI_ERROR ? -1 : 0;
}

static int c_bench_event(struct sip_msg *msg, str *caller)
{
	evi_params_p list;
	int code = 486;

	if (evi_probe_event(c_evi_id) <= 0)
		return 1;
	list = evi_get_params();
	if (!list)
		return -1;
	if (evi_param_add_str(list, &c_evi_caller, caller) < 0 || evi_param_add_int(list, &c_evi_code, &code) < 0) {
		B_LM_ERR("cannot build the parameters of E_BENCH_C\n");
		evi_free_params(list);
		return -1;
	}
	if (evi_raise_event(c_evi_id, list)) {
		B_LM_ERR("cannot raise E_BENCH_C\n");
		return -1;
	}
	return 1;
}

/* the first User-Agent header by its type: the core splits headers up to it, then the list is walked */
static int c_bench_hdr_type(struct sip_msg *msg)
{
	struct hdr_field *hf;

	if (parse_headers(msg, HDR_USERAGENT_F, 0) < 0)
		return -1;
	for (hf = msg->headers; hf; hf = hf->next)
		if (hf->type == HDR_USERAGENT_T) {
			bench_c_sink += (unsigned long)hf->body.len;
			return 1;
		}
	return -1;
}

/* the first X-Trace header by its name, case-insensitively (the core has no type for it) */
static int c_bench_hdr_name(struct sip_msg *msg)
{
	struct hdr_field *hf;

	if (parse_headers(msg, HDR_EOH_F, 0) < 0)
		return -1;
	for (hf = msg->headers; hf; hf = hf->next)
		if (hf->name.len == 7 && strncasecmp(hf->name.s, "x-trace", 7) == 0) {
			bench_c_sink += (unsigned long)hf->body.len;
			return 1;
		}
	return -1;
}

/* the value of the R-URI's parameter `foo`: the core parses the R-URI once (parse_sip_msg_uri keeps it in
 * the message), the parameters are walked by hand as modules do (name up to '=' or ';', any case) */
static int c_bench_uri_param(struct sip_msg *msg)
{
	struct sip_uri *u;
	char *p, *end, *name, *eq;

	if (parse_sip_msg_uri(msg) < 0)
		return -1;
	u = &MSG40(msg)->parsed_uri;
	p = u->params.s;
	end = p + u->params.len;
	while (p < end) {
		name = p;
		eq = NULL;
		for (; p < end && *p != ';'; p++)
			if (*p == '=' && !eq)
				eq = p;
		if ((eq ? eq : p) - name == 3 && strncasecmp(name, "foo", 3) == 0) {
			bench_c_sink += (unsigned long)(eq ? p - eq - 1 : 0);
			return 1;
		}
		p++;
	}
	return -1;
}

/* "X-Bench: 1" added after the last header, as textops' append_hf does: the headers split to their end,
 * an anchor where they end (msg->unparsed), the line built in pkg memory and hung before the anchor */
#define C_HF_NAME  "X-Bench"
#define C_HF_VALUE "1"
static int c_bench_append_hf(struct sip_msg *msg)
{
	const int name_len = sizeof(C_HF_NAME) - 1, value_len = sizeof(C_HF_VALUE) - 1;
	const int len = name_len + 2 + value_len + 2;
	struct lump *anchor;
	char *s;

	if (parse_headers(msg, HDR_EOH_F, 0) == -1)
		return -1;
	anchor = anchor_lump(msg, (unsigned int)(MSG40(msg)->unparsed - MSG40(msg)->buf), 0);
	if (!anchor) {
		B_LM_ERR("cannot create the anchor lump\n");
		return -1;
	}
	s = pkg_malloc(len);
	if (!s) {
		B_LM_ERR("out of pkg memory\n");
		return -1;
	}
	memcpy(s, C_HF_NAME, name_len);
	memcpy(s + name_len, ": ", 2);
	memcpy(s + name_len + 2, C_HF_VALUE, value_len);
	memcpy(s + len - 2, "\r\n", 2);
	if (!insert_new_lump_before(anchor, s, len, 0)) {
		B_LM_ERR("cannot insert the header\n");
		pkg_free(s);
		return -1;
	}
	return 1;
}

/* $c_bench_pv: an int, as pv_get_sintval gives it */
static int c_bench_pv_get(struct sip_msg *msg, void *param, pv_value_t *res)
{
	return pv_get_sintval(msg, param, res, (int)(bench_c_sink & 0xff));
}
static const pv_export_t pvs[] = {
	{{"c_bench_pv", 10}, 1000, c_bench_pv_get, 0, 0, 0, 0, 0},
	{{0, 0}, 0, 0, 0, 0, 0, 0, 0}
};
const pv_export_t *bench_c_pvs = pvs;

static const cmd_export_t cmds[] = {
	{"b_int", (cmd_function)c_bench_int, {{CMD_PARAM_INT, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_str", (cmd_function)c_bench_str, {{CMD_PARAM_STR, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_opt", (cmd_function)c_bench_opt, {{CMD_PARAM_INT | CMD_PARAM_OPT, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_out", (cmd_function)c_bench_out, {{CMD_PARAM_VAR, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_user", (cmd_function)c_bench_user, {{CMD_PARAM_STR, fixup_port, free_fixup_port}, {0, 0, 0}},
		ALL_ROUTES},
	{"b_log", (cmd_function)c_bench_log, {{CMD_PARAM_INT, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_log_on", (cmd_function)c_bench_log_on, {{CMD_PARAM_INT, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_nop", (cmd_function)c_bench_nop, {{0, 0, 0}}, ALL_ROUTES},
	{"b_db", (cmd_function)c_bench_db, {{CMD_PARAM_STR, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_db_adhoc", (cmd_function)c_bench_db, {{CMD_PARAM_STR, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_avp", (cmd_function)c_bench_avp, {{0, 0, 0}}, ALL_ROUTES},
	{"b_event", (cmd_function)c_bench_event, {{CMD_PARAM_STR, 0, 0}, {0, 0, 0}}, ALL_ROUTES},
	{"b_hdr_type", (cmd_function)c_bench_hdr_type, {{0, 0, 0}}, ALL_ROUTES},
	{"b_hdr_name", (cmd_function)c_bench_hdr_name, {{0, 0, 0}}, ALL_ROUTES},
	{"b_uri_param", (cmd_function)c_bench_uri_param, {{0, 0, 0}}, ALL_ROUTES},
	{"b_append_hf", (cmd_function)c_bench_append_hf, {{0, 0, 0}}, ALL_ROUTES},
	{0, 0, {{0, 0, 0}}, 0}
};

/* the table, found by the benchmark with dlsym */
const cmd_export_t *bench_c_cmds = cmds;

const module_exports_t exports = {
	BENCH_MOD, MOD_TYPE_DEFAULT, {B_VERSION, B_FLAGS, {"git", ""}}, 0,
	0, 0, cmds, 0, 0, 0, 0, pvs, 0, 0,
	0, 0, 0, 0, 0, 0
};
