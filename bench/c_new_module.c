/* SPDX-License-Identifier: MIT */
/* bench/: the seed module of the classic "write an OpenSIPS module" article, by hand in C: the baseline
 * that bench/compile_cost sets against examples/new_module/new_module.cpp. Two string modparams, one
 * checked at startup, and new_function([text]) that logs the text (or new_param when none is given)
 * in request and onreply routes. */
#include <string.h>

#include "c_abi.h"

#define BENCH_MOD "new_module"

static char *new_param = "Hello";
static char *db_url = NULL;

static int mod_init(void)
{
	if (!new_param || !*new_param) {
		B_LM_ERR("new_param must not be empty\n");
		return -1;
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

static const cmd_export_t cmds[] = {
	{"new_function", (cmd_function)w_new_function, {{CMD_PARAM_STR | CMD_PARAM_OPT, 0, 0}, {0, 0, 0}},
		REQUEST_ROUTE | ONREPLY_ROUTE},
	{0, 0, {{0, 0, 0}}, 0}
};

static const param_export_t params[] = {
	{"new_param", STR_PARAM, &new_param},
	{"db_url", STR_PARAM, &db_url},
	{0, 0, 0}
};

const module_exports_t exports = {
	BENCH_MOD, MOD_TYPE_DEFAULT, {B_VERSION, B_FLAGS, {"git", ""}}, 0,
	0, 0, cmds, 0, params, 0, 0, 0, 0, 0,
	0, mod_init, 0, mod_destroy, 0, 0
};
