#!/bin/bash
# Like the official image's entrypoint: on `php-fpm`, put WordPress core into the document root unless it is
# there (wp-content, a volume, keeps what it has) and write wp-config.php for the environment. Installing
# WordPress is the operator's install Job (templates/wordpress-install.php), whatever image a site runs.
set -euo pipefail
if [ "${1:-}" = php-fpm ] || [ "${1:-}" = "php-fpm${WPOVEN_PHP_VERSION:-8.2}" ]; then
  if [ ! -e /var/www/html/index.php ] || [ ! -e /var/www/html/wp-includes/version.php ]; then
    # -n: never overwrite, so wp-content's own files and the operator's mounted drop-ins stay
    cp -Rn /usr/src/wordpress/. /var/www/html/
    echo "[entrypoint] WordPress copied to /var/www/html" >&2
  fi
  [ -e /var/www/html/wp-config.php ] || cp /usr/src/wordpress/wp-config-docker.php /var/www/html/wp-config.php
fi
exec "$@"
