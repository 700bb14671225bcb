#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL 15 cluster for the test suite.
#   scripts/pg_cluster.sh start DIR PORT   -> prints the database URL
#   scripts/pg_cluster.sh stop DIR
# The server runs as the unprivileged `postgres` user when invoked as root
# (initdb refuses root). Installs postgresql-15 with apt when it is missing.
set -euo pipefail

find_bin() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

ensure_server() {
  if ! find_bin >/dev/null; then
    echo "PostgreSQL server not found: installing postgresql-15 with apt" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
  fi
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1 port=$2 bin
  ensure_server
  bin=$(find_bin)
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    as_owner "$bin/initdb" -D "$dir" -U concordia --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  echo "postgresql+psycopg://concordia@127.0.0.1:$port/postgres"
}

stop() {
  local dir=$1 bin
  bin=$(find_bin)
  if [[ -f "$dir/postmaster.pid" ]]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
