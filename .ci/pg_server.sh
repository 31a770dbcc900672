#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests marked 'postgres' (team mode).
#
#   eval "$(.ci/pg_server.sh start)"   # prints: export REVIEWER_TEST_PG_URL=postgresql+psycopg://...
#   .ci/pg_server.sh stop              # stops it and removes its folder
#
# Installs nothing: it needs the server binaries (Debian: apt-get install postgresql), found under
# /usr/lib/postgresql/*/bin or on PATH. The cluster lives in a fresh temp folder owned by a
# non-root user (initdb refuses root): 'postgres' if it exists, else a 'reviewer-ci' system user
# created here. It listens on 127.0.0.1 only, on a free port, with trust auth for that user.
# Only the export line goes to stdout; progress and errors go to stderr.
set -euo pipefail

STATE=${REVIEWER_PG_STATE:-/tmp/reviewer-ci-pg.state}
DBNAME=reviewer_test
DBUSER=reviewer

log() { echo "pg_server: $*" >&2; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

run_as() {  # run_as USER CMD... (as that user when we are root, else as ourselves)
  local user=$1; shift
  if [ "$(id -u)" != 0 ]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    echo $(( 20000 + RANDOM % 20000 ))
  fi
}

start() {
  local bin user dir port
  bin=$(pg_bin) || { log "no PostgreSQL server binaries (initdb) found; install the 'postgresql' package"; exit 1; }
  if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then
      user=postgres
    else
      id reviewer-ci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin reviewer-ci \
        || { log "cannot create the reviewer-ci user"; exit 1; }
      user=reviewer-ci
    fi
  else
    user=$(id -un)
  fi
  [ -f "$STATE" ] && stop >/dev/null 2>&1 || true
  dir=$(mktemp -d /tmp/reviewer-pg.XXXXXX)
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown "$user" "$dir"
  port=$(free_port)
  run_as "$user" "$bin/initdb" -D "$dir/data" -U "$DBUSER" --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { log "initdb failed:"; cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  printf 'DIR=%q\nPORT=%q\nPGUSER_OS=%q\nBIN=%q\n' "$dir" "$port" "$user" "$bin" >"$STATE"
  run_as "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=50" \
    start >&2 || { log "the server did not start:"; cat "$dir/server.log" >&2 || true; stop; exit 1; }
  run_as "$user" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$DBUSER" "$DBNAME" >&2 \
    || { log "createdb failed"; stop; exit 1; }
  log "PostgreSQL ($bin) on 127.0.0.1:$port, data in $dir (user $user)"
  echo "export REVIEWER_TEST_PG_URL=postgresql+psycopg://$DBUSER@127.0.0.1:$port/$DBNAME"
}

stop() {
  [ -f "$STATE" ] || { log "no server started by this script"; return 0; }
  local DIR PORT PGUSER_OS BIN
  # shellcheck disable=SC1090
  . "$STATE"
  if [ -d "$DIR/data" ]; then
    run_as "$PGUSER_OS" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR" "$STATE"
  log "stopped and removed $DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
