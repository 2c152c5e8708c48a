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

#define MOD_TYPE_DEFAULT 1  /* 0 is MOD_TYPE_NULL, the end of a dependency list */
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

/* a module's own pseudo-variables (pv_export_t; the getter's param is a pv_param_t *) */
typedef int (*pv_getf_t)(struct sip_msg *, void *param, pv_value_t *res);
typedef struct {
	str name;
	int type;
	pv_getf_t getf;
	void *setf, *parse_name, *parse_index, *init_param;
	int iparam;
} pv_export_t;
int pv_get_sintval(struct sip_msg *msg, void *param, pv_value_t *res, int sival);

/* AVPs */
typedef union { int n; str s; } int_str;
struct usr_avp;
int parse_avp_spec(const str *name, int *avp_name);
struct usr_avp *search_first_avp(unsigned short flags, int id, int_str *val, struct usr_avp *start);

/* the SIP message: struct hdr_field and the stable prefix of struct sip_msg (parser/msg_parser.h,
 * parser/hf.h), the same from 3.4 to 4.0; 4.0's parse_headers is parse_headers_aux(msg, flags, next, 1) */
struct hdr_field {
	int type;
	str name;
	str body;
	int len;
	void *parsed;
	struct hdr_field *next;
	struct hdr_field *sibling;
};
struct msg_start { int type; int len; str a, b, c; int value; };
struct sip_msg {
	unsigned int id;
	struct msg_start first_line;
	void *via1, *via2;
	struct hdr_field *headers;
	struct hdr_field *last_header;
	unsigned long long parsed_flag;
	/* ... the rest is not read here */
};
#define HDR_USERAGENT_T 27
#define HDR_USERAGENT_F (1ULL << HDR_USERAGENT_T)
#define HDR_EOH_F       ((unsigned long long)-1)
int parse_headers_aux(struct sip_msg *msg, unsigned long long flags, int next, int sip_well_known_parse);
#define parse_headers(msg, flags, next) parse_headers_aux(msg, flags, next, 1)

/* the parsed URI (parser/parse_uri.h, 816 bytes in 4.0.1): only the members read here are named */
struct sip_uri {
	str user, passwd, host, port, params, headers;
	unsigned short port_no, proto;
	int type;
	char rest[816 - 104];
};
int parse_uri(char *buf, int len, struct sip_uri *uri);
int parse_sip_msg_uri(struct sip_msg *msg);

/* 4.0.1's struct sip_msg past the stable prefix, at the offsets measured on its headers (a module built
 * in the tree sees them as msg->unparsed, msg->buf, msg->parsed_uri ...) */
struct sip_msg_40 {
	char prefix[488];
	char *eoh;
	char *unparsed;
	char pad1[672 - 504];
	char *buf;
	unsigned int len;
	char pad2[752 - 684];
	int parsed_uri_ok;
	struct sip_uri parsed_uri;
};
_Static_assert(__builtin_offsetof(struct sip_msg_40, unparsed) == 496, "4.0.1: sip_msg.unparsed");
_Static_assert(__builtin_offsetof(struct sip_msg_40, buf) == 672, "4.0.1: sip_msg.buf");
_Static_assert(__builtin_offsetof(struct sip_msg_40, parsed_uri) == 760, "4.0.1: sip_msg.parsed_uri");
#define MSG40(msg) ((struct sip_msg_40 *)(msg))

/* lumps (data_lump.h): an anchor at an offset of the received message, text hung before / after it */
struct lump;
struct lump *anchor_lump(struct sip_msg *msg, unsigned int offset, int type);
struct lump *insert_new_lump_before(struct lump *before, char *new_hdr, unsigned int len, int type);
struct lump *insert_new_lump_after(struct lump *after, char *new_hdr, unsigned int len, int type);

/* events (evi/event_interface.h, evi/evi_params.h) */
typedef int event_id_t;
#define EVI_ERROR   -1
#define EVI_INT_VAL (1 << 0)
#define EVI_STR_VAL (1 << 1)
typedef struct evi_params evi_params_t, *evi_params_p;
event_id_t evi_publish_event(str event_name);
int evi_raise_event(event_id_t id, evi_params_t *params);
int evi_probe_event(event_id_t id);
evi_params_p evi_get_params(void);
int evi_param_add(evi_params_p list, const str *name, const void *param, int flags);
void evi_free_params(evi_params_p list);
#define evi_param_add_int(p_list, p_name, p_int) evi_param_add(p_list, p_name, p_int, EVI_INT_VAL)
#define evi_param_add_str(p_list, p_name, p_str) evi_param_add(p_list, p_name, p_str, EVI_STR_VAL)

/* The core also compares the version control type (and revision prefix) it was built from: "git" for
 * a build from a git checkout, "unknown" for one from a release tarball. An in-tree module gets both from
 * the build (VERSIONTYPE, THISREVISION); here they are B_SCM_TYPE / B_SCM_REV, which -D may override
 * (an empty revision matches any). */
#ifndef B_SCM_TYPE
#define B_SCM_TYPE "git"
#endif
#ifndef B_SCM_REV
#define B_SCM_REV ""
#endif

/* ---- what c_new_module.c needs on top (statistics, MI, the sl API, pkg memory) ---- */

/* the other route types a request travels through (route.h) */
#define FAILURE_ROUTE 2
#define BRANCH_ROUTE  8
#define ERROR_ROUTE   16
#define LOCAL_ROUTE   32

#define L_WARN 1
#define B_LM_WARN(fmt, args...) B_LOG(L_WARN, "WARNING", fmt, ##args)

/* pv_spec_t starts with its type, then the get and set handlers, in every release from 3.4 to 4.0:
 * a variable the script can assign is one with a set handler */
struct pv_spec_head {
	int type;
	void *getf;
	void *setf;
};
#define B_PV_IS_WRITABLE(sp) (((const struct pv_spec_head *)(sp))->setf != NULL)

/* pkg memory of a core built with several allocators and DBG_MALLOC (the B_FLAGS above): the
 * allocator is reached through function pointers that also take the caller's file, function and line */
extern void *mem_block;
extern void *(*gen_pkg_malloc)(void *blk, unsigned long size, const char *file, const char *func,
	unsigned int line);
extern void (*gen_pkg_free)(void *blk, void *p, const char *file, const char *func, unsigned int line);
#define pkg_malloc(size) gen_pkg_malloc(mem_block, (size), __FILE__, __func__, __LINE__)
#define pkg_free(ptr)    gen_pkg_free(mem_block, (ptr), __FILE__, __func__, __LINE__)

/* statistics (statistics.h): the core allocates one stat_var per stat_export_t row once mod_init has
 * returned and stores its address through stat_pointer. A core compiled with <stdatomic.h> (any recent
 * gcc) keeps the counter in an _Atomic unsigned long, which every process updates in place. */
#include <stdatomic.h>
typedef _Atomic(unsigned long) stat_val;
typedef unsigned long (*stat_function)(void *ctx);

#define STAT_NO_RESET (1 << 0)
#define STAT_IS_FUNC  (1 << 3)

typedef struct stat_var_ {
	unsigned int mod_idx;
	str name;
	unsigned short flags;
	void *context;
	union {
		stat_val *val;
		stat_function f;
	} u;
	struct stat_var_ *hnext;
	struct stat_var_ *lnext;
} stat_var;

typedef struct {
	const char *name;
	unsigned short flags;
	stat_var **stat_pointer;
} stat_export_t;

/* the core's update_stat / get_stat_val are macros: an atomic add or load on the counter, or, for a
 * function-backed statistic, no update and a call for the value */
#define update_stat(var, n) \
	do { \
		if (!((var)->flags & STAT_IS_FUNC)) \
			atomic_fetch_add((var)->u.val, (unsigned long)(n)); \
	} while (0)
#define get_stat_val(var) \
	((unsigned long)(((var)->flags & STAT_IS_FUNC) ? (var)->u.f((var)->context) : atomic_load((var)->u.val)))

/* management interface, 4.0 layout: every command has up to 48 recipes (one per accepted parameter
 * set) of up to 20 parameter names, then up to 3 aliases; mi_export_t is 8128 bytes */
#define MAX_MI_PARAMS  20
#define MAX_MI_RECIPES 48
#define MAX_MI_ALIASES 4

struct cJSON;
struct mi_handler;
typedef struct cJSON mi_item_t;
typedef mi_item_t mi_response_t;
typedef struct {
	mi_item_t *item;
	char *const *list;
} mi_params_t;
typedef mi_response_t *(mi_cmd_f)(const mi_params_t *params, struct mi_handler *async_hdl);

typedef struct {
	mi_cmd_f *cmd;
	char *params[MAX_MI_PARAMS];
} mi_recipe_t;

typedef struct {
	const char *name;
	const char *help;
	unsigned int flags;
	int (*init_f)(void);
	mi_recipe_t recipes[MAX_MI_RECIPES];
	const char *aliases[MAX_MI_ALIASES];
} mi_export_t;

/* a literal and its length, the two arguments the add_mi_* functions take for a name */
#define MI_SSTR(lit) lit, (int)(sizeof(lit) - 1)

mi_response_t *init_mi_result_object(mi_item_t **obj_out);
int add_mi_number(mi_item_t *to, char *name, int name_len, double value);
void free_mi_response(mi_response_t *response);

/* other modules' APIs: the core finds a function a module exports by its name */
cmd_function find_export(const char *name, int flags);

/* the sl module's API (sl_api.h; load_sig of signaling fills the same structure) */
struct sl_binds {
	int (*reply)(struct sip_msg *msg, int code, const str *reason, str *totag);
	int (*gen_totag)(struct sip_msg *msg, str *totag);
};
typedef int (*load_sl_f)(struct sl_binds *slb);

/* fills *slb from the sl module; -1 when sl is not loaded or refuses */
static inline int load_sl_api(struct sl_binds *slb)
{
	load_sl_f load = (load_sl_f)find_export("load_sl", 0);

	if (!load || load(slb) == -1)
		return -1;
	return 0;
}

/* the core's generic database API (db/db_val.h, db_res.h, db_con.h, db.h), as a C module sees it */
typedef enum { DB_INT, DB_BIGINT, DB_DOUBLE, DB_STRING, DB_STR, DB_DATETIME, DB_BLOB, DB_BITMAP } db_type_t;

typedef struct {
	db_type_t type;
	int nul;
	int free;
	union {
		int int_val;
		long long bigint_val;
		double double_val;
		time_t time_val;
		const char *string_val;
		str str_val;
		str blob_val;
		unsigned int bitmap_val;
	} val;
} db_val_t;

typedef str *db_key_t;
typedef const char *db_op_t;

typedef struct { db_val_t *values; int n; } db_row_t;

typedef struct db_res {
	struct { db_key_t *names; db_type_t *types; int n; } col;
	db_row_t *rows;
	int n;
	int res_rows;
	int last_row;
} db_res_t;

typedef struct {
	const str *table;
	void **curr_ps;
	void *ins_list;
	unsigned long tail;
	str url;
	int flags;
} db_con_t;

#define RES_ROW_N(re)     ((re)->n)
#define RES_ROWS(re)      ((re)->rows)
#define ROW_VALUES(rw)    ((rw)->values)
#define VAL_NULL(dv)      ((dv)->nul)
#define VAL_TYPE(dv)      ((dv)->type)
#define VAL_STR(dv)       ((dv)->val.str_val)
#define VAL_STRING(dv)    ((dv)->val.string_val)

typedef struct {
	unsigned int cap;
	int (*use_table)(db_con_t *h, const str *t);
	db_con_t *(*init)(const str *url);
	void (*close)(db_con_t *h);
	int (*query)(const db_con_t *h, const db_key_t *k, const db_op_t *op, const db_val_t *v, const db_key_t *c,
		const int n, const int nc, const db_key_t o, db_res_t **r);
	int (*fetch_result)(const db_con_t *h, db_res_t **r, const int nrows);
	int (*raw_query)(const db_con_t *h, const str *s, db_res_t **r);
	int (*free_result)(db_con_t *h, db_res_t *r);
	void *insert, *delete_, *update, *replace, *last_inserted_id, *insert_update;
	void *async_raw_query, *async_resume, *async_free_result, *async_timeout; /* async_timeout: 3.5+ */
} db_func_t;

int db_bind_mod(const str *mod, db_func_t *dbf);

#endif
