#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/new_module's database path in a real OpenSIPS core, with a stock backend module
# (tests/realcore/CMakeLists.txt registers it as "realcore: database: <backend>").
#
#   OPENSIPS=/path/to/opensips [OPENSIPS_MODULES=<dir>[:<dir>...]] \
#       run_database.sh sqlite|text|postgres|mysql <modsdk-source-dir> <work-dir> [<cmake> [<c++ compiler>]]
#
# postgres also needs the PostgreSQL server binaries (PG_BIN, default /usr/lib/postgresql/15/bin: initdb,
# pg_ctl, postgres, psql) and db_postgres.so; without them it is skipped, saying which is missing. It makes a
# throw-away cluster in a temp dir (initdb, pg_ctl start on a free loopback port, password auth), owned by and
# run as a non-root user (PG_USER, default postgres, through runuser when the test runs as root: the server
# refuses root), loads greetings.sql into it, and stops and removes it at exit.
# mysql likewise needs the MariaDB (or MySQL) server binaries (MARIADB_BIN, default /usr/sbin/mariadbd;
# mariadb-install-db, mariadb, mariadb-admin on PATH) and db_mysql.so, else "skipped: mariadb not installed":
# a throw-away data directory in a temp dir (mariadb-install-db --no-defaults), the server on a free loopback port
# and a socket there, run as MYSQL_USER (default mysql) when the test runs as root, a user "opensips" with a
# password and the database "opensips"; "server stopped" is mariadb-admin shutdown, "started" a new mariadbd.
#
# Builds new_module.so for exactly that core (examples/new_module on its own, NEW_MODULE_OPENSIPS), makes
# the greetings table from examples/new_module/greetings.sql in a throw-away SQLite file (one row: alice),
# loads the stock db_sqlite.so next to it (text: a db_text directory with the same tables and db_text.so),
# and checks:
#   - the core starts with db_url set: mod_init binds db_sqlite and checks the table's version, each
#     worker opens its own connection;
#   - OPTIONS from alice and from bob: greet() answers "Bonjour, alice" (her row) and "Hello, bob"
#     (new_param), read from the script's xlog lines;
#   - (sqlite) the table dropped while the core runs: greet() fails over to new_param, db_sqlite and modsdk log
#     the failed select, the core keeps serving;
#   - a db_url with a password for a backend that is not loaded: the start stops with modsdk's line,
#     the password masked (and nowhere in the log);
#   - a wrong table version: the start stops naming the table, the expected and the found version;
#   - (postgres) the server stopped while the core runs: greet() fails cleanly (new_param, the failed select
#     logged, the core keeps serving); the server started again: the next greet() reads the table again
#     (db_postgres reconnects); a wrong password: the start stops, the password masked and nowhere in the log;
#     the table dropped while running, as for sqlite;
#   - (mysql) everything postgres checks, through db_mysql;
#   - (postgres, mysql) async raw queries (db_async_module.cpp, with tm): `async(db_async_query(sql), resume_route)`
#     on the greetings table: the completion callback gets the rows and the resume route runs with its code as
#     $rc; on a missing table: the callback gets a failed result, modsdk logs the failed query, $rc is -1;
#     (sqlite) the same module with db_sqlite (no async): the start stops naming DB_CAP_ASYNC_RAW_QUERY; built
#     without that need (db_async_any), each query runs at once and the resume route follows with the same $rc;
#   - (sqlite, postgres, mysql) prepared statements (db_prepared_module.cpp): one prepared select, 20 calls, the
#     right rows; mysql: the server counts 1 Com_stmt_prepare (and >= 20 executes), the others prepare nothing;
#   - (sqlite) fidelity: one battery of statements (db_fidelity_module.cpp) in the real core and in the fake core
#     (db_fidelity_fake.cpp, the same .so): the values' types, NULLs and contents, chunk sizes and failures
#     it logs must be identical.
# Exit: 0 pass, 1 fail, 77 skipped.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../support/realcore_env.sh"
realcore_require_core
if [ $# -lt 3 ]; then
  echo "usage: OPENSIPS=... $0 sqlite|text|postgres|mysql <modsdk-source-dir> <work-dir> [<cmake> [<cxx>]]" >&2
  exit 2
fi
BACKEND=$1
SRC=$(cd "$2" && pwd)
WORK_ROOT=$3
CMAKE=${4:-cmake}
CXX_COMPILER=${5:-}
case "$BACKEND" in sqlite | text | postgres | mysql) ;; *) echo "unknown backend '$BACKEND' (sqlite, text, postgres, mysql)" >&2; exit 2 ;; esac
SERVER=""  # a backend with a server the test starts and stops
[ "$BACKEND" = postgres ] && SERVER=postgres
[ "$BACKEND" = mysql ] && SERVER=mysql

echo "core:    $OPENSIPS"
echo "version: $VERSION_LINE"
if [ "$BACKEND" = postgres ]; then
  PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
  for b in initdb pg_ctl postgres psql; do
    if [ ! -x "$PG_BIN/$b" ]; then
      echo "skipped: the PostgreSQL server binaries are not installed: no $PG_BIN/$b (Debian: postgresql-15, or set PG_BIN)"
      exit 77
    fi
  done
  PG_USER=${PG_USER:-postgres}
  if [ "$(id -u)" -eq 0 ] && ! id -u "$PG_USER" >/dev/null 2>&1; then
    echo "skipped: running as root and there is no user '$PG_USER' to run the PostgreSQL server as (set PG_USER)"
    exit 77
  fi
elif [ "$BACKEND" = mysql ]; then
  MARIADB_BIN=${MARIADB_BIN:-/usr/sbin/mariadbd}
  for b in "$MARIADB_BIN" mariadb-install-db mariadb mariadb-admin; do
    if ! command -v "$b" >/dev/null; then
      echo "skipped: mariadb not installed: no $b (Debian: mariadb-server, or set MARIADB_BIN)"
      exit 77
    fi
  done
  MYSQL_USER=${MYSQL_USER:-mysql}
  if [ "$(id -u)" -eq 0 ] && ! id -u "$MYSQL_USER" >/dev/null 2>&1; then
    echo "skipped: running as root and there is no user '$MYSQL_USER' to run the MariaDB server as (set MYSQL_USER)"
    exit 77
  fi
else
  command -v sqlite3 >/dev/null || die "sqlite3 is not installed (Debian: apt-get install sqlite3)"
fi

realcore_module_dirs
SL=$(find_module sl) || die "sl.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
if [ "$BACKEND" = postgres ]; then
  if ! BACKEND_SO=$(find_module db_postgres); then
    echo "skipped: db_postgres.so not found in ${module_dirs[*]} (build the core's db_postgres, set OPENSIPS_MODULES)"
    exit 77
  fi
elif [ "$BACKEND" = mysql ]; then
  if ! BACKEND_SO=$(find_module db_mysql); then
    echo "skipped: db_mysql.so not found in ${module_dirs[*]} (build the core's db_mysql, set OPENSIPS_MODULES)"
    exit 77
  fi
else
  DB_SQLITE=$(find_module db_sqlite) || die "db_sqlite.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
  BACKEND_SO=$DB_SQLITE
  if [ "$BACKEND" = text ]; then
    BACKEND_SO=$(find_module db_text) || die "db_text.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
  fi
fi
PROTO_UDP=$(find_module proto_udp) || PROTO_UDP=proto_udp.so
echo "backend: $BACKEND_SO"

# ---- new_module.so for this core --------------------------------------------------------------------------
KEY=$(printf '%s' "$OPENSIPS" | cksum | cut -d' ' -f1)
WORK="$WORK_ROOT/db-$KEY"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
BUILD="$WORK/build"
build_args=(-S "$SRC/examples/new_module" -B "$BUILD" "-DMODSDK_SOURCE_DIR=$SRC" "-DNEW_MODULE_OPENSIPS=$OPENSIPS"
            -DNEW_MODULE_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && build_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
{
  "$CMAKE" "${build_args[@]}" && "$CMAKE" --build "$BUILD" -j2 --target new_module
} >"$WORK/build.log" 2>&1 || { tail -60 "$WORK/build.log"; die "nested build failed ($WORK/build.log)"; }
SO="$BUILD/new_module.so"
pass "new_module.so built for $VERSION_LINE"

# ---- postgres: a throw-away cluster, run as a non-root user ---------------------------------------------------
PG_DIR=""
as_pg() {  # the server refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" "$@"; }
pg_start() {  # pg_start: the cluster listens on 127.0.0.1:$PG_PORT (and a socket in $PG_DIR)
  pg_ctl_ -l "$PG_DIR/server.log" -w -t 60 -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start \
    >>"$PG_DIR/pg_ctl.log" 2>&1
}
pg_stop() { pg_ctl_ -m fast -w -t 60 stop >>"$PG_DIR/pg_ctl.log" 2>&1; }
psql_() {  # psql_ <database> [psql args]: as the cluster's superuser, over the socket
  local db=$1
  shift
  as_pg env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U opensips -d "$db" "$@"
}
# ---- mysql: a throw-away MariaDB data directory, the server run as a non-root user ------------------------------
MY_DIR=""
MY_PID=""
as_my() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$MYSQL_USER" -- "$@"; else "$@"; fi; }
my_start() {  # my_start: mariadbd on 127.0.0.1:$MY_PORT and $MY_DIR/sock, ready within 60 s
  as_my "$MARIADB_BIN" --no-defaults --datadir="$MY_DIR/data" --socket="$MY_DIR/sock" --port="$MY_PORT" \
    --bind-address=127.0.0.1 --pid-file="$MY_DIR/mariadbd.pid" --log-error="$MY_DIR/server.log" \
    --general-log=1 --general-log-file="$MY_DIR/general.log" >>"$MY_DIR/start.log" 2>&1 &
  MY_PID=$!
  for _ in $(seq 300); do
    mariadb --no-defaults -S "$MY_DIR/sock" -u root -e "SELECT 1" >/dev/null 2>&1 && return 0
    kill -0 "$MY_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
my_stop() {  # my_stop: a clean shutdown, waited for
  mariadb-admin --no-defaults -S "$MY_DIR/sock" -u root shutdown >>"$MY_DIR/start.log" 2>&1
  [ -n "$MY_PID" ] && wait "$MY_PID" 2>/dev/null
  MY_PID=""
}
my_sql() {  # my_sql <database> [mariadb args]: as the server's root, over the socket
  local db=$1
  shift
  mariadb --no-defaults -S "$MY_DIR/sock" -u root "$db" "$@"
}
server_sql() {  # server_sql <sql>: in database opensips, as the server's administrator
  if [ "$BACKEND" = mysql ]; then my_sql opensips -e "$1"; else psql_ opensips -c "$1"; fi
}
server_stop() { if [ "$BACKEND" = mysql ]; then my_stop; else pg_stop; fi; }
server_start() { if [ "$BACKEND" = mysql ]; then my_start; else pg_start; fi; }
cleanup() {
  stop_core
  if [ -n "$PG_DIR" ]; then
    [ -f "$PG_DIR/data/postmaster.pid" ] && pg_ctl_ -m immediate -w -t 30 stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
  if [ -n "$MY_DIR" ]; then  # a clean shutdown, else the server's own pid (runuser does not pass signals on)
    [ -n "$MY_PID" ] && my_stop
    if [ -f "$MY_DIR/mariadbd.pid" ]; then
      kill "$(cat "$MY_DIR/mariadbd.pid")" 2>/dev/null
      for _ in $(seq 100); do [ -f "$MY_DIR/mariadbd.pid" ] || break; sleep 0.1; done
    fi
    rm -rf "$MY_DIR"
  fi
}
trap cleanup EXIT

free_tcp_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if command -v ss >/dev/null && ss -Hltn 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; then continue; fi
    echo "$p"
    return 0
  done
  return 1
}
if [ "$BACKEND" = postgres ]; then
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/modsdk-pg.XXXXXX") || die "mktemp failed"
  [ "$(id -u)" -eq 0 ] && { chown "$PG_USER" "$PG_DIR" || die "cannot give $PG_DIR to $PG_USER"; }
  chmod 700 "$PG_DIR"
  PG_PORT=$(free_tcp_port) || die "no free TCP port"
  PG_PW="pg-$RANDOM$RANDOM"
  printf '%s\n' "$PG_PW" >"$PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$PG_DIR/pw"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U opensips --pwfile="$PG_DIR/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
    { tail -20 "$WORK/initdb.log"; die "initdb failed ($WORK/initdb.log)"; }
  rm -f "$PG_DIR/pw"
  pg_start || { cat "$PG_DIR/pg_ctl.log" "$PG_DIR/server.log" 2>/dev/null | tail -20; die "pg_ctl start failed"; }
  echo "server:  $("$PG_BIN/postgres" -V), cluster in $PG_DIR, 127.0.0.1:$PG_PORT, run as $(as_pg id -un)"
fi
if [ "$BACKEND" = mysql ]; then
  MY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/modsdk-my.XXXXXX") || die "mktemp failed"
  [ "$(id -u)" -eq 0 ] && { chown "$MYSQL_USER" "$MY_DIR" || die "cannot give $MY_DIR to $MYSQL_USER"; }
  chmod 711 "$MY_DIR"
  MY_PORT=$(free_tcp_port) || die "no free TCP port"
  MY_PW="my-$RANDOM$RANDOM"
  ( cd "$MY_DIR" && as_my mariadb-install-db --no-defaults --datadir="$MY_DIR/data" --skip-test-db \
      --auth-root-authentication-method=normal ) >"$WORK/install-db.log" 2>&1 ||
    { tail -20 "$WORK/install-db.log"; die "mariadb-install-db failed ($WORK/install-db.log)"; }
  my_start || { tail -20 "$MY_DIR/server.log" "$MY_DIR/start.log" 2>/dev/null; die "mariadbd did not start"; }
  my_sql mysql -e "CREATE USER 'opensips'@'127.0.0.1' IDENTIFIED BY '$MY_PW';
                   GRANT ALL ON opensips.* TO 'opensips'@'127.0.0.1';" || die "cannot create the user"
  echo "server:  $("$MARIADB_BIN" --version | sed 's/ *$//'), data in $MY_DIR, 127.0.0.1:$MY_PORT, run as $(as_my id -un)"
fi

PORT=$(free_port) || die "no free port"
DBFILE="$WORK/greetings.sqlite"
DBDIR="$WORK/dbtext"
DB_URL="sqlite://$DBFILE"
[ "$BACKEND" = text ] && DB_URL="text://$DBDIR"
[ "$BACKEND" = postgres ] && DB_URL="postgres://opensips:$PG_PW@127.0.0.1:$PG_PORT/opensips"
[ "$BACKEND" = mysql ] && DB_URL="mysql://opensips:$MY_PW@127.0.0.1:$MY_PORT/opensips"
SRV_PW=${PG_PW:-${MY_PW:-}}   # the server's (postgres, mysql) password and port
SRV_PORT=${PG_PORT:-${MY_PORT:-}}
make_db() {  # make_db [<greetings version>]: a fresh database with the shipped schema and alice's row
  if [ "$BACKEND" = text ]; then  # db_text: a directory, one file per table, a typed header line
    rm -rf "$DBDIR" && mkdir -p "$DBDIR" || die "cannot make $DBDIR"
    printf 'table_name(str) table_version(int)\ngreetings:%s\n' "${1:-1}" >"$DBDIR/version"
    printf 'id(int,auto) caller(str) greeting(str)\n1:alice:Bonjour\n' >"$DBDIR/greetings"
    return
  fi
  if [ "$BACKEND" = postgres ]; then  # a fresh database "opensips" in the cluster
    psql_ postgres -c "DROP DATABASE IF EXISTS opensips" -c "CREATE DATABASE opensips" || die "cannot create the database"
    { cat "$SRC/examples/new_module/greetings.sql"
      echo "INSERT INTO greetings (caller, greeting) VALUES ('alice', 'Bonjour');"
      echo "UPDATE version SET table_version = ${1:-1} WHERE table_name = 'greetings';"; } |
      psql_ opensips || die "psql could not load greetings.sql"
    return
  fi
  if [ "$BACKEND" = mysql ]; then  # a fresh database "opensips" on the server
    my_sql mysql -e "DROP DATABASE IF EXISTS opensips; CREATE DATABASE opensips" || die "cannot create the database"
    { grep -v '^--' "$SRC/examples/new_module/greetings.sql"
      echo "INSERT INTO greetings (caller, greeting) VALUES ('alice', 'Bonjour');"
      echo "UPDATE version SET table_version = ${1:-1} WHERE table_name = 'greetings';"; } |
      my_sql opensips || die "mariadb could not load greetings.sql"
    return
  fi
  rm -f "$DBFILE"
  { cat "$SRC/examples/new_module/greetings.sql"
    echo "INSERT INTO greetings (caller, greeting) VALUES ('alice', 'Bonjour');"
    echo "UPDATE version SET table_version = ${1:-1} WHERE table_name = 'greetings';"; } |
    sqlite3 "$DBFILE" || die "sqlite3 could not create $DBFILE"
}
write_cfg() {  # write_cfg <file> <db_url>
  cat >"$1" <<EOF
# generated by modsdk's tests/realcore/run_database.sh
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 2
socket = udp:127.0.0.1:$PORT

loadmodule "$PROTO_UDP"
loadmodule "$SL"
loadmodule "$BACKEND_SO"
loadmodule "$SO"
modparam("new_module", "new_param", "Hello")
modparam("new_module", "db_url", "$2")

route {
    if (\$rm == "OPTIONS") {
        if (greet("\$fU", \$var(g)))
            xlog("GREETING \$fU: \$var(g)\n");
        else
            xlog("GREETING \$fU: failed\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
}
send_options() {  # send_options <user>: one OPTIONS datagram (cat writes it at once to bash's /dev/udp)
  local n=$RANDOM
  printf 'OPTIONS sip:opensips@127.0.0.1:%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK%s\r\nFrom: <sip:%s@example.com>;tag=%s\r\nTo: <sip:opensips@127.0.0.1>\r\nCall-ID: %s-%s@modsdk\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n' \
    "$PORT" "$n" "$1" "$n" "$1" "$n" >"$WORK/options.sip"
  cat "$WORK/options.sip" >"/dev/udp/127.0.0.1/$PORT"
}
greeting_of() {  # greeting_of <user> <log> [<from line>]: sends OPTIONS until the script logs its greeting
  local from=${3:-1}  # (20 s), looking at the log's lines from <from> on
  for _ in $(seq 40); do
    send_options "$1" 2>/dev/null
    sleep 0.5
    if tail -n "+$from" "$2" | grep -q "GREETING $1: "; then
      tail -n "+$from" "$2" | grep -m1 -o "GREETING $1: .*" | sed "s/^GREETING $1: //"
      return 0
    fi
    kill -0 "$PID" 2>/dev/null || return 1
  done
  return 1
}
launch_core() {  # launch_core <cfg> <log>: in the background, not waiting (the checks wait for lines)
  "$OPENSIPS" -F -f "$1" -m 64 -M 8 -w "$WORK" >"$2" 2>&1 &
  PID=$!
}
exits_within() {  # exits_within <seconds>: the core stopped by itself; sets EXIT_RC
  for _ in $(seq $(($1 * 10))); do
    if ! kill -0 "$PID" 2>/dev/null; then wait "$PID"; EXIT_RC=$?; PID=""; return 0; fi
    sleep 0.1
  done
  return 1
}

crash_lines() {  # crash_lines <log>: fails on a crash (db_mysql logs a lost server or a missing table as CRITICAL)
  if grep -E "CRITICAL|segfault|core dumped" "$1" | grep -v "CRITICAL:db_mysql:" | grep -q .; then
    fail "a crash line:"; grep -E "CRITICAL|segfault" "$1" | grep -v "CRITICAL:db_mysql:" | head -3
  fi
}

# ---- run 1: the database path ------------------------------------------------------------------------------
make_db
CFG="$WORK/db.cfg"
LOG="$WORK/db.log"
write_cfg "$CFG" "$DB_URL"
"$OPENSIPS" -C -f "$CFG" >"$WORK/check.log" 2>&1 || { tail -20 "$WORK/check.log"; die "opensips -C rejects the cfg"; }
launch_core "$CFG" "$LOG"
if g=$(greeting_of alice "$LOG"); then
  [ "$g" = "Bonjour, alice" ] && pass "alice's row: greet() -> \"$g\"" || fail "alice: greet() -> \"$g\", want \"Bonjour, alice\""
else
  tail -30 "$LOG"; die "no greeting for alice within 20 s"
fi
if g=$(greeting_of bob "$LOG"); then
  [ "$g" = "Hello, bob" ] && pass "no row for bob: greet() -> \"$g\" (new_param)" || fail "bob: greet() -> \"$g\", want \"Hello, bob\""
else
  fail "no greeting for bob"
fi
if grep -E "(ERROR|CRITICAL):" "$LOG" | grep -q .; then
  fail "error lines while serving:"; grep -E "(ERROR|CRITICAL):" "$LOG" | head -10
else
  pass "no error line while serving"
fi

# ---- run 1b: the table gone while the core runs (SQLite; db_text keeps its tables in memory) --------------------
if [ "$BACKEND" = sqlite ]; then
sqlite3 "$DBFILE" "DROP TABLE greetings" || die "could not drop the table"
if g=$(greeting_of carol "$LOG"); then
  [ "$g" = "Hello, carol" ] && pass "table dropped: greet() falls back to new_param -> \"$g\"" ||
    fail "table dropped: greet() -> \"$g\""
  line=$(grep -m1 -E "ERROR:new_module:db: db_url: select from greetings failed" "$LOG")
  [ -n "$line" ] && pass "the failed select is logged: $(sed 's/^.*ERROR/ERROR/' <<<"$line")" ||
    { fail "no modsdk line for the failed select"; grep -E "ERROR" "$LOG" | tail -5; }
  echo "      db_sqlite said: $(grep -m1 -E 'ERROR:db_sqlite' "$LOG" | sed 's/^.*ERROR/ERROR/')"
else
  fail "no greeting for carol after the table was dropped"; tail -20 "$LOG"
fi
kill -0 "$PID" 2>/dev/null && pass "the core is still running" || fail "the core stopped"
fi

# ---- run 1c (postgres, mysql): the server stopped while the core runs, then started again; then the table dropped -------
if [ -n "$SERVER" ]; then
next_line() { echo $(($(wc -l <"$LOG") + 1)); }
server_sql "INSERT INTO greetings (caller, greeting) VALUES ('dave', 'Hola')" || die "cannot insert dave's row"
if g=$(greeting_of dave "$LOG" "$(next_line)"); then
  [ "$g" = "Hola, dave" ] && pass "a row added while running: greet() -> \"$g\"" || fail "dave: greet() -> \"$g\", want \"Hola, dave\""
else
  fail "no greeting for dave"
fi
server_stop || die "stopping the server failed"
from=$(next_line)
if g=$(greeting_of dave "$LOG" "$from"); then
  [ "$g" = "Hello, dave" ] && pass "server stopped: greet() fails cleanly and falls back to new_param -> \"$g\"" ||
    fail "server stopped: greet() -> \"$g\", want \"Hello, dave\""
  line=$(tail -n "+$from" "$LOG" | grep -m1 -E "ERROR:new_module:db: db_url: select from greetings failed")
  [ -n "$line" ] && pass "the failed select is logged: $(sed 's/^.*ERROR/ERROR/' <<<"$line")" ||
    { fail "no modsdk line for the failed select"; tail -n "+$from" "$LOG" | grep -E "ERROR" | tail -5; }
  echo "      db_$BACKEND said: $(tail -n "+$from" "$LOG" | grep -m1 -o -E "(ERROR|CRITICAL):db_$BACKEND.*")"
else
  fail "no greeting for dave while the server is stopped"; tail -n "+$from" "$LOG" | tail -20
fi
kill -0 "$PID" 2>/dev/null && pass "the core is still running without its database" || fail "the core stopped"
server_start || die "starting the server (again) failed"
from=$(next_line)
if g=$(greeting_of dave "$LOG" "$from"); then
  [ "$g" = "Hola, dave" ] && pass "server started again: greet() reads the table again (reconnected) -> \"$g\"" ||
    fail "server started again: greet() -> \"$g\", want \"Hola, dave\""
else
  fail "no greeting for dave after the server came back"; tail -n "+$from" "$LOG" | tail -20
fi
from=$(next_line)
if g=$(greeting_of alice "$LOG" "$from"); then  # the other worker's connection reconnects too
  [ "$g" = "Bonjour, alice" ] && pass "and again: greet() -> \"$g\"" || fail "alice after the restart: greet() -> \"$g\""
else
  fail "no greeting for alice after the server came back"
fi
server_sql "DROP TABLE greetings" || die "could not drop the table"
from=$(next_line)
if g=$(greeting_of carol "$LOG" "$from"); then
  [ "$g" = "Hello, carol" ] && pass "table dropped: greet() falls back to new_param -> \"$g\"" ||
    fail "table dropped: greet() -> \"$g\""
  line=$(tail -n "+$from" "$LOG" | grep -m1 -E "ERROR:new_module:db: db_url: select from greetings failed")
  [ -n "$line" ] && pass "the failed select is logged: $(sed 's/^.*ERROR/ERROR/' <<<"$line")" ||
    { fail "no modsdk line for the failed select"; tail -n "+$from" "$LOG" | grep -E "ERROR" | tail -5; }
  echo "      db_$BACKEND said: $(tail -n "+$from" "$LOG" | grep -m1 -o -E "(ERROR|CRITICAL):db_$BACKEND.*")"
else
  fail "no greeting for carol after the table was dropped"; tail -n "+$from" "$LOG" | tail -20
fi
kill -0 "$PID" 2>/dev/null && pass "the core is still running" || fail "the core stopped"
grep -q "$SRV_PW" "$LOG" && fail "the password appears in the log" || pass "the password appears nowhere in the log"
fi
stop_core
crash_lines "$LOG"

# refused_start <label> <log> <seconds> <grep> <want> [<secret>]: the core started with $CFG stops by itself
# within <seconds>; its first line matching <grep> contains <want>; <secret> appears nowhere in the log
refused_start() {
  local label=$1 log=$2 secs=$3 pattern=$4 want=$5 secret=${6:-} line
  launch_core "$CFG" "$log"
  if ! exits_within "$secs"; then
    fail "the core did not stop: $label"
    stop_core
    return
  fi
  line=$(grep -m1 -- "$pattern" "$log" | sed 's/^.*ERROR/ERROR/')
  [[ "$line" == *"$want"* ]] && pass "$label: the start stops (exit $EXIT_RC): $line" ||
    { fail "$label: exit $EXIT_RC, line: '$line'"; tail -15 "$log"; }
  if [ -n "$secret" ]; then
    grep -q -- "$secret" "$log" && fail "$label: the password appears in the log" ||
      pass "$label: the password appears nowhere in the log"
  fi
}

# ---- run 2: a backend that is not loaded, a password in the URL -----------------------------------------------
OTHER=mysql  # a scheme whose backend is not loaded
[ "$BACKEND" = mysql ] && OTHER=postgres
write_cfg "$CFG" "$OTHER://opensips:s3cret-pw@127.0.0.1/opensips"
refused_start "backend not loaded" "$WORK/db-bad-url.log" 20 "modparam new_module.db_url" \
  "modparam new_module.db_url: \"$OTHER://opensips:***@127.0.0.1/opensips\": no database backend for \"$OTHER://\" (is module db_$OTHER loaded?)" \
  s3cret-pw

# ---- run 2b (postgres, mysql): a wrong password ------------------------------------------------------------------------
if [ -n "$SERVER" ]; then
  WRONG_PW="wrong-$RANDOM$RANDOM"
  make_db
  write_cfg "$CFG" "$BACKEND://opensips:$WRONG_PW@127.0.0.1:$SRV_PORT/opensips"
  refused_start "wrong password" "$WORK/db-wrong-password.log" 30 "modparam new_module.db_url" \
    "modparam new_module.db_url: \"$BACKEND://opensips:***@127.0.0.1:$SRV_PORT/opensips\": cannot connect" "$WRONG_PW"
  echo "      db_$BACKEND said: $(grep -m1 -o -E "(ERROR|CRITICAL):db_$BACKEND.*" "$WORK/db-wrong-password.log")"
fi

# ---- run 3: the table version ----------------------------------------------------------------------------------
make_db 7
write_cfg "$CFG" "$DB_URL"
refused_start "wrong table version" "$WORK/db-version.log" 20 "table greetings must be version" \
  "new_module: table greetings must be version 1, found version 7"

# ---- run 4: the fake core's db_sqlite against the real one --------------------------------------------------
# db_fidelity.so runs one battery of statements (db_fidelity_module.cpp) in the real core and, the same .so,
# in the fake core (db_fidelity_fake); each on a fresh file with the same schema. Their "DBF" lines (types,
# NULLs, values, chunk sizes, failures) must be identical.
if [ "$BACKEND" = sqlite ]; then
FBUILD="$WORK/fidelity-build"
fbuild_args=(-S "$SRC/tests/realcore/db_project" -B "$FBUILD" "-DMODSDK_SOURCE_DIR=$SRC" "-DREALCORE_OPENSIPS=$OPENSIPS"
             -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && fbuild_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
if { "$CMAKE" "${fbuild_args[@]}" && "$CMAKE" --build "$FBUILD" -j2 --target db_fidelity db_fidelity_fake; } \
    >"$WORK/fidelity-build.log" 2>&1; then
  FSCHEMA="CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(64), n INT, big BIGINT, d DOUBLE,
           when_ DATETIME, data BLOB, flags INT, txt TEXT);"
  FDB="$WORK/fidelity.sqlite"
  rm -f "$FDB" && sqlite3 "$FDB" "$FSCHEMA" || die "sqlite3 could not create $FDB"
  FCFG="$WORK/fidelity.cfg"
  FLOG="$WORK/fidelity.log"
  cat >"$FCFG" <<EOF
# generated by modsdk's tests/realcore/run_database.sh (fidelity)
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$PORT

loadmodule "$PROTO_UDP"
loadmodule "$SL"
loadmodule "$DB_SQLITE"
loadmodule "$FBUILD/db_fidelity.so"
modparam("db_fidelity", "db_url", "sqlite://$FDB")

route {
    if (\$rm == "OPTIONS") {
        db_battery();
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  launch_core "$FCFG" "$FLOG"
  for _ in $(seq 100); do  # until the socket listens, so that one request is enough
    ss -Hlun 2>/dev/null | awk '{print $4}' | grep -q ":$PORT\$" && break
    sleep 0.2
  done
  sleep 1
  send_options alice
  for _ in $(seq 300); do grep -q "DBF chunks" "$FLOG" && break; sleep 0.2; done
  stop_core
  grep -o 'DBF .*$' "$FLOG" >"$WORK/fidelity-real.txt"
  rm -f "$FDB" && sqlite3 "$FDB" "$FSCHEMA" || die "sqlite3 could not create $FDB"
  "$FBUILD/db_fidelity_fake" "$FBUILD/db_fidelity.so" "sqlite://$FDB" >"$WORK/fidelity-fake.txt" \
    2>"$WORK/fidelity-fake.err" || { fail "db_fidelity_fake failed"; cat "$WORK/fidelity-fake.err"; }
  if ! grep -q "DBF chunks" "$WORK/fidelity-real.txt"; then
    fail "the real core did not run the battery"; tail -20 "$FLOG"
  elif diff -u "$WORK/fidelity-real.txt" "$WORK/fidelity-fake.txt" >"$WORK/fidelity.diff"; then
    pass "fake db_sqlite = real db_sqlite: $(wc -l <"$WORK/fidelity-real.txt") identical DBF lines (types, NULLs, values, chunks, failures)"
  else
    fail "the fake core's db_sqlite differs from the real one:"; cat "$WORK/fidelity.diff"
  fi
else
  tail -40 "$WORK/fidelity-build.log"; fail "nested build of tests/realcore/db_project failed"
fi
fi

# ---- run 5: async raw queries (db_async.so: async(db_async_query(sql), route)) ---------------------------------
# postgres, mysql: through the backend's async raw queries, with tm ("DBA mode waiting"); sqlite: db_sqlite has
# none: db_async (which declares it needs them) stops the start, db_async_any (which does not) runs each query
# at once and the resume route follows with the callback's code ("DBA mode at once"): the same checks pass.
if [ -n "$SERVER" ] || [ "$BACKEND" = sqlite ]; then
ABUILD="$WORK/async-build"
abuild_args=(-S "$SRC/tests/realcore/db_project" -B "$ABUILD" "-DMODSDK_SOURCE_DIR=$SRC" "-DREALCORE_OPENSIPS=$OPENSIPS"
             -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && abuild_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
TM=$(find_module tm) || die "tm.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
if { "$CMAKE" "${abuild_args[@]}" && "$CMAKE" --build "$ABUILD" -j2 --target db_async db_async_any; } >"$WORK/async-build.log" 2>&1; then
  make_db
  CFG="$WORK/async.cfg"
  ALOG="$WORK/async.log"
  async_cfg() {  # async_cfg <module>: the script that runs db_async_query through `async()`
    cat >"$CFG" <<EOF
# generated by modsdk's tests/realcore/run_database.sh (async raw queries)
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 2
socket = udp:127.0.0.1:$PORT

loadmodule "$PROTO_UDP"
loadmodule "$SL"
loadmodule "$TM"
loadmodule "$BACKEND_SO"
loadmodule "$ABUILD/$1.so"
modparam("$1", "db_url", "$DB_URL")

route {
    if (\$rm == "OPTIONS") {
        if (\$fU == "nosuchtable")
            async(db_async_query("SELECT caller FROM no_such_table"), after_query);
        else
            async(db_async_query("SELECT caller FROM greetings ORDER BY caller"), after_query);
    }
    exit;
}
route[after_query] {
    xlog("GREETING \$fU: async rc \$rc\n");
    t_reply(200, "OK");
    exit;
}
EOF
  }
  AMOD=db_async
  MODE=waiting
  if [ "$BACKEND" = sqlite ]; then
    async_cfg db_async
    refused_start "async raw queries required, on db_sqlite" "$WORK/async-sqlite.log" 20 "modparam db_async.db_url" \
      "the backend db_sqlite cannot async raw query (DB_CAP_ASYNC_RAW_QUERY)"
    AMOD=db_async_any
    MODE="at once"
  fi
  async_cfg "$AMOD"
  launch_core "$CFG" "$ALOG"
  if g=$(greeting_of alice "$ALOG"); then
    [ "$g" = "async rc 11" ] && pass "$AMOD: async(db_async_query(...), after_query): the resume route's \$rc: $g (1 row + 10)" ||
      { fail "async query: \"$g\", want \"async rc 11\""; grep -E "ERROR|DBA" "$ALOG" | tail -5; }
    line=$(grep -m1 -o "DBA rows .*" "$ALOG")
    [ "$line" = "DBA rows 1: alice," ] && pass "the completion callback got the rows: $line" ||
      fail "the completion callback: '$line', want 'DBA rows 1: alice,'"
    line=$(grep -m1 -o "DBA mode .*" "$ALOG")
    [ "$line" = "DBA mode $MODE" ] && pass "db_$BACKEND: $line" || fail "'$line', want 'DBA mode $MODE'"
  else
    tail -30 "$ALOG"; fail "no resume route for the async query within 20 s"
  fi
  if [ "$BACKEND" = sqlite ]; then
    sqlite3 "$DBFILE" "INSERT INTO greetings (caller, greeting) VALUES ('bob', 'Hi')" || die "cannot insert bob's row"
  else
    server_sql "INSERT INTO greetings (caller, greeting) VALUES ('bob', 'Hi')" || die "cannot insert bob's row"
  fi
  from=$(($(wc -l <"$ALOG") + 1))
  if g=$(greeting_of bob "$ALOG" "$from"); then
    [ "$g" = "async rc 12" ] && pass "a second async query: \$rc: $g" || fail "bob: \"$g\", want \"async rc 12\""
    tail -n "+$from" "$ALOG" | grep -q "DBA rows 2: alice,bob," && pass "the completion callback got both rows" ||
      fail "no 'DBA rows 2: alice,bob,' line"
  else
    fail "no resume route for the second async query"
  fi
  from=$(($(wc -l <"$ALOG") + 1))
  if g=$(greeting_of nosuchtable "$ALOG" "$from"); then
    [ "$g" = "async rc -1" ] && pass "a missing table: the callback gets a failed result, \$rc: $g" ||
      fail "nosuchtable: \"$g\", want \"async rc -1\""
    line=$(tail -n "+$from" "$ALOG" | grep -m1 -E "ERROR:$AMOD:.*raw query failed")
    [ -n "$line" ] && pass "the failed query is logged: $(sed 's/^.*ERROR/ERROR/' <<<"$line")" ||
      { fail "no modsdk line for the failed query"; tail -n "+$from" "$ALOG" | grep ERROR | tail -5; }
    echo "      db_$BACKEND said: $(tail -n "+$from" "$ALOG" | grep -m1 -o -E "(ERROR|CRITICAL):db_$BACKEND.*")"
  else
    fail "no resume route for the failing async query"; tail -n "+$from" "$ALOG" | tail -20
  fi
  kill -0 "$PID" 2>/dev/null && pass "the core is still running" || fail "the core stopped"
  stop_core
  crash_lines "$ALOG"
else
  tail -40 "$WORK/async-build.log"; fail "nested build of tests/realcore/db_project (db_async) failed"
fi
fi

# ---- run 6: prepared statements (db_prepared.so: ps_greet($fU) through db.with(p)) --------------------------
# The same prepared select called many times by one SIP worker. mysql: the server counts one Com_stmt_prepare
# for all of them (and an execute each), the handle reports prepared=1; sqlite, postgres (no prepared statements):
# the same answers, prepared=0.
if [ -n "$SERVER" ] || [ "$BACKEND" = sqlite ]; then
PBUILD="$WORK/async-build"  # the same nested project as run 5
pbuild_args=(-S "$SRC/tests/realcore/db_project" -B "$PBUILD" "-DMODSDK_SOURCE_DIR=$SRC" "-DREALCORE_OPENSIPS=$OPENSIPS"
             -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && pbuild_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
if { "$CMAKE" "${pbuild_args[@]}" && "$CMAKE" --build "$PBUILD" -j2 --target db_prepared; } >"$WORK/prepared-build.log" 2>&1; then
  make_db
  CFG="$WORK/prepared.cfg"
  PLOG="$WORK/prepared.log"
  cat >"$CFG" <<EOF
# generated by modsdk's tests/realcore/run_database.sh (prepared statements)
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$PORT

loadmodule "$PROTO_UDP"
loadmodule "$SL"
loadmodule "$BACKEND_SO"
loadmodule "$PBUILD/db_prepared.so"
modparam("db_prepared", "db_url", "$DB_URL")

route {
    if (\$rm == "OPTIONS") {
        if (ps_greet("\$fU"))
            xlog("GREETING \$fU: ps ok\n");
        else
            xlog("GREETING \$fU: ps failed\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  stmt_count() { my_sql mysql -N -e "SHOW GLOBAL STATUS LIKE '$1'" | awk '{print $2}'; }
  [ "$BACKEND" = mysql ] && { prep0=$(stmt_count Com_stmt_prepare); exec0=$(stmt_count Com_stmt_execute); }
  launch_core "$CFG" "$PLOG"
  calls=0
  for i in $(seq 10); do
    for who in alice bob; do
      from=$(($(wc -l <"$PLOG") + 1))
      g=$(greeting_of "$who" "$PLOG" "$from") && [ "$g" = "ps ok" ] && calls=$((calls + 1))
    done
  done
  [ "$calls" -eq 20 ] && pass "20 prepared selects answered (one SIP worker)" || fail "$calls of 20 prepared selects answered"
  na=$(grep -c "DBP alice: Bonjour prepared=" "$PLOG")
  nb=$(grep -c "DBP bob: none prepared=" "$PLOG")
  [ "$na" -ge 10 ] && [ "$nb" -ge 10 ] && pass "the rows: alice -> Bonjour ($na times), bob -> none ($nb times)" ||
    fail "the rows: alice $na, bob $nb of 10 each"
  want=0
  [ "$BACKEND" = mysql ] && want=1
  last=$(grep -o "DBP alice: .*" "$PLOG" | tail -1)
  [ "$last" = "DBP alice: Bonjour prepared=$want" ] && pass "db_$BACKEND: $last" || fail "'$last', want prepared=$want"
  if [ "$BACKEND" = mysql ]; then
    prepares=$(($(stmt_count Com_stmt_prepare) - prep0))
    executes=$(($(stmt_count Com_stmt_execute) - exec0))
    [ "$prepares" -eq 1 ] && [ "$executes" -ge 20 ] &&
      pass "MariaDB counted $prepares Com_stmt_prepare and $executes Com_stmt_execute for $calls calls" ||
      fail "MariaDB counted $prepares Com_stmt_prepare (want 1) and $executes Com_stmt_execute (want >= 20)"
  fi
  if grep -E "(ERROR|CRITICAL):" "$PLOG" | grep -q .; then
    fail "error lines:"; grep -E "(ERROR|CRITICAL):" "$PLOG" | head -5
  fi
  stop_core
  crash_lines "$PLOG"
else
  tail -40 "$WORK/prepared-build.log"; fail "nested build of tests/realcore/db_project (db_prepared) failed"
fi
fi

echo
if [ "$failures" -eq 0 ]; then
  echo "realcore database ($BACKEND) on $VERSION_LINE: all checks passed"
  exit 0
fi
echo "realcore database ($BACKEND) on $VERSION_LINE: $failures check(s) failed"
exit 1
