#!/bin/bash
# First start (empty /var/lib/mysql): create the system tables, the root password, the database and its user
# from the MARIADB_* environment on a socket-only server, then start the real one. Later starts keep the data.
set -euo pipefail
datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
log() { printf '[entrypoint] %s\n' "$*" >&2; }

sql_quote() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }

initialize() {
  : "${MARIADB_ROOT_PASSWORD:?MARIADB_ROOT_PASSWORD is required on first start}"
  log "initializing $datadir"
  # as the current (non-root) user: no --user, which would chown the volume
  mariadb-install-db --datadir="$datadir" --skip-test-db --auth-root-authentication-method=normal \
    --skip-name-resolve >/dev/null
  mariadbd --skip-networking --socket="$socket" --datadir="$datadir" &
  local pid=$! i
  for ((i = 0; i < 60; i++)); do
    mariadb-admin --socket="$socket" -uroot ping >/dev/null 2>&1 && break
    sleep 1
  done
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(sql_quote "$MARIADB_ROOT_PASSWORD")';"
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$(sql_quote "$MARIADB_ROOT_PASSWORD")';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    # healthcheck.sh connects through the socket as the OS user: no password, no privileges
    echo "CREATE USER IF NOT EXISTS '$(id -un)'@'localhost' IDENTIFIED VIA unix_socket;"
    if [ -n "${MARIADB_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
    fi
    if [ -n "${MARIADB_USER:-}" ]; then
      echo "CREATE USER '$(sql_quote "$MARIADB_USER")'@'%' IDENTIFIED BY '$(sql_quote "${MARIADB_PASSWORD:-}")';"
      [ -n "${MARIADB_DATABASE:-}" ] && echo "GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$(sql_quote "$MARIADB_USER")'@'%';"
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket="$socket" -uroot
  mariadb-admin --socket="$socket" -uroot -p"$MARIADB_ROOT_PASSWORD" shutdown
  wait "$pid" || true
  log "initialized"
}

if [ "${1:-}" = mariadbd ] || [ "${1:-}" = mysqld ]; then
  [ -d "$datadir/mysql" ] || initialize
fi
exec "$@"
