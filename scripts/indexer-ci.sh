#!/usr/bin/env bash
# The indexer test in CI: PGlite (twice: a reindex from scratch), then Postgres. Postgres is
# Debian's `postgresql` package (installed with apt-get when missing), a throwaway cluster in a
# temporary folder on its own port, owned by the `postgres` user, stopped and removed afterwards.
# Usage: scripts/indexer-ci.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${PGPORT:-54329}

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(bin_dir)" ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  echo "installing postgresql (apt-get)..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(bin_dir)
DATA=$(mktemp -d -t vivarium-pg.XXXXXX)
# initdb refuses to run as root: the cluster belongs to the postgres user (or to us when not root).
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$DATA"; fi
cleanup() {
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT
as_pg "$BIN/initdb" -D "$DATA" -U vivarium --auth=trust >/dev/null
as_pg "$BIN/pg_ctl" -D "$DATA" -o "-p $PGPORT -k $DATA -c listen_addresses=127.0.0.1" -l "$DATA/server.log" -w start >/dev/null
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U vivarium vivarium
echo "postgres $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
DATABASE_URL="postgresql://vivarium@127.0.0.1:$PGPORT/vivarium" npm run test:indexer
