#!/bin/bash
# The probe the operator runs (the official image's name and flags): --connect (the server answers on its
# socket) and --innodb_initialized (InnoDB is up). Connects as the OS user through unix_socket authentication.
set -eu
sql() { mariadb --protocol=socket --socket=/run/mysqld/mysqld.sock -u"$(id -un)" --skip-column-names -e "$1"; }
for check in "$@"; do
  case "$check" in
    --connect) sql 'SELECT 1' >/dev/null ;;
    --innodb_initialized)
      [ "$(sql "SELECT 1 FROM information_schema.ENGINES WHERE engine = 'InnoDB' AND support IN ('YES', 'DEFAULT', 'ENABLED')")" = 1 ] ;;
    *) echo "healthcheck.sh: unknown check $check" >&2; exit 2 ;;
  esac
done
