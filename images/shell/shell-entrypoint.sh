#!/bin/bash
# The site's shell: WordPress core in the document root (as the WordPress pods have it), a wp-config.php that
# carries the pod's WORDPRESS_* settings itself (an SSH session does not inherit the pod's environment), the MariaDB
# client's login in the user's home, the host key, then sshd in the foreground.
set -euo pipefail
if [ "${1:-}" = sshd ]; then
  umask 077
  if [ ! -e /var/www/html/index.php ] || [ ! -e /var/www/html/wp-includes/version.php ]; then
    cp -Rn /usr/src/wordpress/. /var/www/html/
  fi
  # wp-config.php: the settings as putenv() lines, then the image's wp-config-docker.php
  php -r '
    $out = "<?php\n// written at start by shell-entrypoint.sh from the pod environment\n";
    foreach (getenv() as $k => $v) {
      if (preg_match("/^(WORDPRESS_|WPOVEN_)/", $k)) { $out .= "putenv(" . var_export("$k=$v", true) . ");\n"; }
    }
    file_put_contents("/var/www/html/wp-config.php", $out . "?>" . file_get_contents("/usr/src/wordpress/wp-config-docker.php"));'
  host=${WORDPRESS_DB_HOST:-}
  if [ -n "$host" ]; then
    port=3306
    case $host in *:*) port=${host##*:}; host=${host%:*} ;; esac
    password=${WORDPRESS_DB_PASSWORD:-}
    password=${password//\\/\\\\}
    password=${password//\"/\\\"}
    printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\ndatabase=%s\n' "$host" "$port" \
      "${WORDPRESS_DB_USER:-}" "$password" "${WORDPRESS_DB_NAME:-wordpress}" > /home/www-data/.my.cnf
  fi
  mkdir -p /tmp/ssh
  if [ -r /etc/wpoven/ssh-host-key/ssh_host_key ]; then
    cp /etc/wpoven/ssh-host-key/ssh_host_key /tmp/ssh/ssh_host_key
  else
    ssh-keygen -q -t ed25519 -N '' -f /tmp/ssh/ssh_host_key
    echo "[shell] no host key mounted: made one for this start" >&2
  fi
  chmod 600 /tmp/ssh/ssh_host_key
  umask 022
  echo "[shell] sshd on 2222 as $(id -un)" >&2
  exec /usr/sbin/sshd -D -e -f /etc/ssh/wpoven_sshd_config
fi
exec "$@"
