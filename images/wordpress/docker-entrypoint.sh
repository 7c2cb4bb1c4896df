#!/bin/bash
# Like the official image's entrypoint: on `php-fpm`, put WordPress core into the document root unless it is
# there (wp-content, a volume, keeps what it has) and write wp-config.php for the environment. Then, when
# WPOVEN_SITE_URL and WPOVEN_ADMIN_PASSWORD are set, install WordPress once (install.php waits for the
# database and does nothing when the site is installed).
set -euo pipefail
if [ "${1:-}" = php-fpm ] || [ "${1:-}" = php-fpm8.2 ]; then
  if [ ! -e /var/www/html/index.php ] || [ ! -e /var/www/html/wp-includes/version.php ]; then
    # -n: never overwrite, so wp-content's own files and the operator's mounted drop-ins stay
    cp -Rn /usr/src/wordpress/. /var/www/html/
    echo "[entrypoint] WordPress copied to /var/www/html" >&2
  fi
  [ -e /var/www/html/wp-config.php ] || cp /usr/src/wordpress/wp-config-docker.php /var/www/html/wp-config.php
  if [ -n "${WPOVEN_SITE_URL:-}" ] && [ -n "${WPOVEN_ADMIN_PASSWORD:-}" ]; then
    php /usr/local/lib/wpoven/install.php
  fi
fi
exec "$@"
