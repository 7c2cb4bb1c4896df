#!/usr/bin/env bash
# Checks the project's images against their contract (docs/images.md): each runs as the user id the operator sets,
# has the binaries and folders the operator's pods use, and its daemon starts as that user with a read-only root
# and a writable /tmp, the way the operator runs it. Needs DOCKER_HOST (hack/images.sh check sets it).
set -uo pipefail
PREFIX=localhost/wpoven
TAG=bookworm
failures=0
# an image name, or name:tag for one not built on bookworm
ref_of() { case "$1" in *:*) echo "$PREFIX/$1" ;; *) echo "$PREFIX/$1:$TAG" ;; esac; }
ok() { printf '[check] ok    %s\n' "$*"; }
bad() { printf '[check] FAIL  %s\n' "$*" >&2; failures=$((failures + 1)); }

# run IMAGE UID COMMAND...: one command in the image as the contract's user, read-only root, /tmp writable
run() {
  local image=$1 uid=$2; shift 2
  docker run --rm --network none --read-only --tmpfs /tmp:rw,exec --user "$uid:$uid" --cap-drop ALL \
    --security-opt no-new-privileges --entrypoint /bin/sh "$(ref_of "$image")" -c "$*" 2>&1
}

# expect IMAGE UID WHAT COMMAND: COMMAND (shell) must succeed
expect() {
  local image=$1 uid=$2 what=$3 out; shift 3
  if out=$(run "$image" "$uid" "$@"); then ok "$image: $what"; else bad "$image: $what: $out"; fi
}

# the image's default user is the contract's
expect_user() {
  local image=$1 uid=$2 user
  user=$(docker image inspect -f '{{.Config.User}}' "$(ref_of "$image")")
  if [ "${user%%:*}" = "$uid" ]; then ok "$image: runs as $uid"; else bad "$image: user is '$user', contract says $uid"; fi
}

expect_user pause 65535
expect pause 65535 "sleep in PATH" 'command -v sleep'

expect_user nginx 101
for uid in 101 33; do
  expect nginx "$uid" "nginx and curl; starts as $uid on 8080 with /tmp only" \
    'command -v nginx curl >/dev/null && nginx -g "daemon off;" & sleep 1; curl -fsS http://127.0.0.1:8080/healthz'
done

expect_user varnish 1000
expect varnish 1000 "varnishd compiles a VCL and starts as 1000" \
  'varnishd -C -f /etc/varnish/default.vcl -n /tmp/v >/dev/null && varnishd -a 127.0.0.1:6081 -f /etc/varnish/default.vcl -s malloc,16m -n /tmp/varnish && sleep 1 && varnishadm -n /tmp/varnish ping'

expect_user redis 999
expect redis 999 "redis-server starts as 999 with /tmp only" \
  'redis-server --port 6379 --dir /tmp --daemonize yes --logfile /tmp/r.log && sleep 1 && redis-cli ping | grep -q PONG'

expect_user mariadb 999
expect mariadb 999 "mariadbd, healthcheck.sh, conf.d included" \
  'command -v mariadbd healthcheck.sh docker-entrypoint.sh >/dev/null && [ -d /etc/mysql/conf.d ] && grep -q "includedir /etc/mysql/conf.d" /etc/mysql/my.cnf'
# the data folder is a volume: the first start initializes it as 999 (not read-only: the entrypoint writes /run/mysqld)
if out=$(docker run --rm --network none --user 999:999 --cap-drop ALL --tmpfs /var/lib/mysql:rw,uid=999,gid=999 \
    -e MARIADB_ROOT_PASSWORD=root-pw -e MARIADB_DATABASE=wordpress -e MARIADB_USER=wordpress -e MARIADB_PASSWORD=wp-pw \
    --entrypoint /bin/bash "$PREFIX/mariadb:$TAG" -c \
    'docker-entrypoint.sh mariadbd & for i in $(seq 60); do healthcheck.sh --connect --innodb_initialized 2>/dev/null && break; sleep 1; done;
     mariadb -uwordpress -pwp-pw -h127.0.0.1 wordpress -e "SELECT 1" >/dev/null' 2>&1); then
  ok "mariadb: first start creates the database and user as 999; healthcheck.sh passes"
else
  bad "mariadb: first start: $out"
fi

expect_user wordpress 33
expect wordpress 33 "php-fpm config test, WordPress core, pool and ini folders" \
  'php-fpm -t && cd /usr/src/wordpress && sha256sum -c --quiet /usr/local/lib/wpoven/core.sha256 && [ -f /usr/src/wordpress/wp-includes/version.php ] && [ -f /usr/src/wordpress/wp-config-docker.php ] && [ -d /usr/local/etc/php-fpm.d ] && [ -d /usr/local/etc/php/conf.d ] && php -m | grep -qx mysqli'

# the PHP 8.4 image (Debian 13): the same contract, and the versions the operator's check Job reads
expect_user wordpress-php8.4:trixie 33
expect wordpress-php8.4:trixie 33 "php-fpm 8.4 config test, WordPress core, recorded core and schema versions" \
  'php-fpm -t && php -r "exit(PHP_VERSION_ID >= 80400 ? 0 : 1);" && cd /usr/src/wordpress && sha256sum -c --quiet /usr/local/lib/wpoven/core.sha256 && grep -qx "[0-9][0-9]*" /usr/local/lib/wpoven/wp-db-version && [ -s /usr/local/lib/wpoven/wp-version ] && php -m | grep -qx mysqli'
expect_user shell 33
expect shell 33 "sshd and sftp-server, php with mysqli, the MariaDB client, WordPress core" \
  'command -v php mariadb ssh-keygen >/dev/null && [ -x /usr/sbin/sshd ] && [ -x /usr/lib/openssh/sftp-server ] && php -m | grep -qx mysqli && [ -f /usr/src/wordpress/wp-config-docker.php ]'
# the entrypoint as the pod runs it: read-only root, the document root and home writable; a host key made at start,
# sshd answering on 2222 with public keys only
if out=$(docker run --rm --network none --read-only --tmpfs /tmp:rw,exec --tmpfs /home/www-data:rw,uid=33,gid=33 \
    --tmpfs /var/www/html:rw,uid=33,gid=33 --user 33:33 --cap-drop ALL --security-opt no-new-privileges \
    -e WORDPRESS_DB_HOST=db:3306 -e WORDPRESS_DB_USER=wordpress -e WORDPRESS_DB_PASSWORD=pw \
    --entrypoint /bin/bash "$PREFIX/shell:$TAG" -c \
    'shell-entrypoint.sh sshd 2>/tmp/sshd.log & for i in $(seq 20); do ssh-keyscan -p 2222 127.0.0.1 2>/dev/null | grep -q ssh-ed25519 && break; sleep 0.5; done;
     ssh-keyscan -p 2222 127.0.0.1 2>/dev/null | grep -q ssh-ed25519 && grep -q "^user=wordpress" /home/www-data/.my.cnf && grep -q "putenv(.WORDPRESS_DB_PASSWORD=pw.)" /var/www/html/wp-config.php && [ -f /var/www/html/wp-includes/version.php ] || { cat /tmp/sshd.log; exit 1; }' 2>&1); then
  ok "shell: sshd starts as 33 on 2222 with a host key made at start; wp-config.php and the client login written"
else
  bad "shell: start: $out"
fi

expect_user s3 1001
# versitygw with its root credentials from the environment keeps serving on 7070 (it exits at once on an error)
expect s3 1001 "versitygw starts as 1001 with a read-only root" \
  'ROOT_ACCESS_KEY_ID=check ROOT_SECRET_ACCESS_KEY=check-secret versitygw --port 127.0.0.1:7070 posix /tmp & sleep 2; kill -0 $!'

expect_user tool 185
expect tool 185 "java 17, the operator's classes, yara and clamscan" \
  'java -version 2>&1 | grep -q "version \"17" && ls /deployments/app/*.jar /deployments/lib/main/*.jar >/dev/null && command -v yara clamscan >/dev/null'

if [ "$failures" -gt 0 ]; then
  echo "[check] $failures check(s) failed" >&2
  exit 1
fi
echo "[check] every image meets the contract"
