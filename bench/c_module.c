/* SPDX-License-Identifier: MIT */
/* bench/: the hand-written C baseline. The same script functions as modsdk_module.cpp, written the way
 * a classic C module writes them: one wrapper per function taking the core's void* slots as the types
 * its cmd_export_t entry promises, cast to cmd_function, and a fixup that parses text at startup. */
#include <stdlib.h>
#include <string.h>

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
	{0, 0, {{0, 0, 0}}, 0}
};

/* the table, found by the benchmark with dlsym */
const cmd_export_t *bench_c_cmds = cmds;

const module_exports_t exports = {
	BENCH_MOD, MOD_TYPE_DEFAULT, {B_VERSION, B_FLAGS, {"git", ""}}, 0,
	0, 0, cmds, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0
};
