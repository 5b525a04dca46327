#!/bin/sh
# Turns on logical decoding (wal_level=logical) on the local Postgres cluster, which the Postgres
# connector's change stream (pgoutput) needs. Idempotent: when the level is already logical it
# changes nothing and does not restart. The restart interrupts every open connection for about a
# second, so run it once, not per test.
#
# Usage: scripts/enable-logical-replication.sh [admin-url]
#   admin-url defaults to $DATABASE_URL, then postgresql://postgres@127.0.0.1:5432/postgres
set -eu

url="${1:-${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}}"

current="$(psql "$url" -XAtc 'SHOW wal_level')"
if [ "$current" = "logical" ]; then
  echo "wal_level is already logical; nothing to do"
  exit 0
fi

echo "wal_level is $current; setting it to logical and restarting the cluster"
psql "$url" -Xqc 'ALTER SYSTEM SET wal_level = logical'

# The Debian layout has one directory per major version under /etc/postgresql.
version="$(ls /etc/postgresql | head -n 1)"
pg_ctlcluster --skip-systemctl-redirect "$version" main restart

# Wait (up to 30 s) until the server accepts connections again.
i=0
until psql "$url" -XAtc 'SELECT 1' >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "Postgres did not come back within 30 s" >&2
    exit 1
  fi
  sleep 0.5
done

echo "wal_level is now $(psql "$url" -XAtc 'SHOW wal_level')"
