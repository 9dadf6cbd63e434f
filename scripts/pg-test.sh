#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests: initdb's a cluster in a temp dir, starts it
# on a free port on 127.0.0.1 only, creates a database and prints what to export.
#
#   eval "$(bash scripts/pg-test.sh start)"   # exports CALLCUE_TEST_PG_URL and CALLCUE_TEST_PG_DIR
#   bash scripts/pg-test.sh stop              # stops it and removes the dir ($CALLCUE_TEST_PG_DIR or arg)
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user.
# Authentication is `trust` — the server listens on loopback only and lives for one test run.
set -euo pipefail

bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "pg-test: no PostgreSQL binaries found (install Debian's postgresql, or set PG_BINDIR)" >&2
  exit 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin dir port
  bin=$(bindir)
  dir=$(mktemp -d /tmp/callcue-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  # Small and quick: a test server needs no durability across an OS crash.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c max_connections=100 -c shared_buffers=32MB" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres callcue_test
  echo "export CALLCUE_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/callcue_test"
  echo "export CALLCUE_TEST_PG_DIR=$dir"
}

stop() {
  local dir=${1:-${CALLCUE_TEST_PG_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then echo "pg-test: nothing to stop" >&2; return 0; fi
  case "$dir" in /tmp/callcue-pg.*) ;; *) echo "pg-test: refusing to remove $dir" >&2; exit 1 ;; esac
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop [dir]" >&2; exit 2 ;;
esac
