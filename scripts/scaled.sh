# Sourced by test.sh, bench.sh and cluster.sh: starts the scaled backend's two servers on loopback
# for tests, each in a folder of its own that goes when it stops: PostgreSQL from Debian's
# packages (trust login for the user `zhicheng`, on loopback only) and s3s-fs, an S3-compatible
# server from crates.io keeping a bucket `zhicheng` in a folder. Sets ZHICHENG_TEST_DATABASE (the
# server's address), PG_DATA, PG_PORT and, for the receiver's S3 client, the AWS_* variables.
# Neither server is meant for production: docs/scaling.md says what a deployment uses.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# PostgreSQL refuses to run as root: as root, it runs as Debian's `postgres` user.
# From /, which the server's user can enter whatever folder the caller is in.
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_postgres() {
  PG_DATA="$(mktemp -d /tmp/zhicheng-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  [ "$(id -u)" -ne 0 ] || chown postgres "$PG_DATA"
  as_pg "$(pg_bin)/initdb" -D "$PG_DATA" -U zhicheng --auth=trust --locale=C.UTF-8 --encoding=UTF8 >"$PG_DATA.log" 2>&1 \
    || { cat "$PG_DATA.log" >&2; echo "initdb failed" >&2; return 1; }
  pg_ctl_start
  ZHICHENG_TEST_DATABASE="postgres://zhicheng@127.0.0.1:$PG_PORT/postgres"
  export ZHICHENG_TEST_DATABASE
}

# Started (again) on the same folder and port; the socket goes in the data folder, which the
# server's user owns.
pg_ctl_start() {
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -w -l "$PG_DATA/server.log" \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { cat "$PG_DATA/server.log" >&2; echo "PostgreSQL did not start" >&2; return 1; }
}

# Stops at once, as a crash would (no checkpoint), then starts again.
restart_postgres() {
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null
  pg_ctl_start
}

stop_postgres() {
  [ -n "${PG_DATA:-}" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA" "$PG_DATA.log"
}

start_s3() {
  S3_ROOT="$(mktemp -d /tmp/zhicheng-s3.XXXXXX)"
  S3_PORT="$(free_port)"
  mkdir -p "$S3_ROOT/zhicheng"
  export AWS_ACCESS_KEY_ID=zhicheng-test AWS_SECRET_ACCESS_KEY=zhicheng-test-secret AWS_REGION=us-east-1
  export AWS_ENDPOINT="http://127.0.0.1:$S3_PORT" AWS_ALLOW_HTTP=true
  s3s-fs --host 127.0.0.1 --port "$S3_PORT" --access-key "$AWS_ACCESS_KEY_ID" --secret-key "$AWS_SECRET_ACCESS_KEY" \
    "$S3_ROOT" >"$S3_ROOT.log" 2>&1 &
  S3_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "$AWS_ENDPOINT/" && break; sleep 0.1; done
  curl -s -o /dev/null "$AWS_ENDPOINT/" || { cat "$S3_ROOT.log" >&2; echo "s3s-fs did not start" >&2; return 1; }
  ZHICHENG_TEST_FILES="s3://zhicheng"
  export ZHICHENG_TEST_FILES
}

stop_s3() {
  [ -n "${S3_PID:-}" ] || return 0
  kill "$S3_PID" 2>/dev/null || true
  wait "$S3_PID" 2>/dev/null || true
  rm -rf "$S3_ROOT" "$S3_ROOT.log"
}
