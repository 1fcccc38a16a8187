# A throwaway PostgreSQL cluster for the tests: sourced by .ci/run, or by a developer
# (`source .ci/postgres.sh && start_test_postgres`, then `npm test`, then `stop_test_postgres`).
# It listens on a Unix socket in its own temp folder only (no TCP port), runs as the postgres user when
# started by root (initdb refuses root), and exports NEWSDESK_TEST_DATABASE_URL for the tests.

start_test_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin" >&2
    return 1
  fi
  TEST_PG_DIR="$(mktemp -d /tmp/newsdesk-pg.XXXXXX)"
  local as=()
  if [[ "$(id -u)" == "0" ]]; then
    chown postgres: "$TEST_PG_DIR"
    as=(runuser -u postgres --)
  fi
  TEST_PG_BIN="$bin"
  TEST_PG_AS=("${as[@]}")
  "${as[@]}" "$bin/initdb" --pgdata="$TEST_PG_DIR/data" --username=newsdesk --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$TEST_PG_DIR/initdb.log" 2>&1 ||
    { cat "$TEST_PG_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" --pgdata="$TEST_PG_DIR/data" --log="$TEST_PG_DIR/server.log" --wait \
    --options="-c listen_addresses='' -c unix_socket_directories='$TEST_PG_DIR' -c max_connections=200 -c fsync=off" \
    start >/dev/null || { cat "$TEST_PG_DIR/server.log" >&2; return 1; }
  export NEWSDESK_TEST_DATABASE_URL="postgres://newsdesk@localhost/postgres?host=$TEST_PG_DIR"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') test cluster on socket $TEST_PG_DIR"
}

stop_test_postgres() {
  [[ -n "${TEST_PG_DIR:-}" && -d "$TEST_PG_DIR" ]] || return 0
  "${TEST_PG_AS[@]}" "$TEST_PG_BIN/pg_ctl" --pgdata="$TEST_PG_DIR/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=""
}
