/* SPDX-License-Identifier: MIT */
/* bench/: the few core structures a plain C module uses, declared here the way a hand-written module
 * sees them (layouts as measured for OpenSIPS 3.4-4.0 on x86_64; see include/modsdk/abi/common.hpp). */
#ifndef MODSDK_BENCH_C_ABI_H
#define MODSDK_BENCH_C_ABI_H
#include <time.h>

struct sip_msg;
struct pv_spec;

typedef struct { char *s; int len; } str;

typedef struct {
	str rs;
	int ri;
	int flags;
} pv_value_t;

#define PV_VAL_STR  4
#define PV_VAL_INT  8
#define PV_TYPE_INT 16
#define EQ_T        18

typedef int (*cmd_function)(struct sip_msg *, void *, void *, void *, void *, void *, void *, void *, void *);
typedef int (*fixup_function)(void **param);
typedef int (*free_fixup_function)(void **param);

#define MAX_CMD_PARAMS 8

#define CMD_PARAM_INT   (1 << 0)
#define CMD_PARAM_STR   (1 << 1)
#define CMD_PARAM_VAR   (1 << 2)
#define CMD_PARAM_REGEX (1 << 3)
#define CMD_PARAM_OPT   (1 << 4)

typedef struct {
	int flags;
	fixup_function fixup;
	free_fixup_function free_fixup;
} cmd_param_t;

typedef struct {
	const char *name;
	cmd_function function;
	cmd_param_t params[MAX_CMD_PARAMS + 1];
	int flags;
} cmd_export_t;

#define REQUEST_ROUTE 1
#define ONREPLY_ROUTE 4
#define ALL_ROUTES    511

/* module parameters */
#define STR_PARAM 1
#define INT_PARAM 2
typedef struct {
	const char *name;
	unsigned int type;
	void *param_pointer;
} param_export_t;

/* the module's one exported symbol (struct module_exports, 3.4-4.0 layout) */
struct sip_msg;
typedef struct {
	const char *name;
	int type;
	struct {
		const char *version;
		const char *compile_flags;
		struct { const char *type; const char *rev; } scm;
	} ver_info;
	unsigned int dlflags;
	int (*load_f)(void);
	const void *deps;
	const cmd_export_t *cmds;
	const void *acmds;
	const param_export_t *params;
	const void *stats;
	const void *mi_cmds;
	const void *items;
	const void *trans;
	const void *procs;
	int (*preinit_f)(void);
	int (*init_f)(void);
	int (*response_f)(struct sip_msg *);
	void (*destroy_f)(void);
	int (*init_child_f)(int rank);
	int (*reload_ack_f)(void);
} module_exports_t;

#define MOD_TYPE_DEFAULT 0
/* what `opensips -V` prints for stock 4.0.1 (the loader compares both strings) */
#define B_VERSION "opensips 4.0.1 (x86_64/linux)"
#define B_FLAGS "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, " \
	"F_PARALLEL_MALLOC, DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT"

/* logging, as the core's LM_* macros expand with gcc: check the level, then call dprint */
#define L_ERR -1
#define L_INFO 3
#define L_DBG 4
extern int *log_level;
extern int log_facility;
extern char *log_prefix;
extern char ctime_buf[256];
int dp_my_pid(void);
void dprint(int level, int facility, const char *module, const char *func, char *stderr_fmt,
	char *syslog_fmt, char *fmt, ...);

static inline char *b_time(void)
{
	time_t now = time(NULL);
	ctime_r(&now, ctime_buf);
	ctime_buf[19] = 0;
	return ctime_buf + 4;
}
/* BENCH_MOD (the module name) must be defined before use */
#define B_LOG(lev, LEV, fmt, args...) \
	do { \
		if (*log_level >= (lev)) \
			dprint((lev), log_facility, BENCH_MOD, __func__, \
				"%s [%d] %s" LEV ":" BENCH_MOD ":%s: " fmt, "%s" LEV ":" BENCH_MOD ":%s: " fmt, fmt, \
				b_time(), dp_my_pid(), log_prefix, __func__, ##args); \
	} while (0)
#define B_LM_ERR(fmt, args...)  B_LOG(L_ERR, "ERROR", fmt, ##args)
#define B_LM_INFO(fmt, args...) B_LOG(L_INFO, "INFO", fmt, ##args)
#define B_LM_DBG(fmt, args...)  B_LOG(L_DBG, "DBG", fmt, ##args)

/* pseudo-variables */
int pv_set_value(struct sip_msg *msg, struct pv_spec *sp, int op, pv_value_t *value);

#endif
