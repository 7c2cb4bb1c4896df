#!/usr/bin/env bash
# The base of every project image where no registry answers: Debian 12 minbase made with debootstrap, imported
# into the image engine as one layer. Elsewhere the recipes build FROM debian:bookworm-slim instead (BASE arg).
# SUITE trixie (Debian 13) is the base of the WordPress image with PHP 8.4.
#   images/base/build.sh TAG [SUITE]      (DOCKER_HOST set; needs root for debootstrap; SUITE default bookworm)
set -euo pipefail
tag=$1
suite=${2:-bookworm}
mirror=${WPOVEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/wpoven-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# as in the official slim image: services never start on install, apt keeps no lists or archives
printf '#!/bin/sh\nexit 101\n' > "$work/rootfs/usr/sbin/policy-rc.d"
chmod +x "$work/rootfs/usr/sbin/policy-rc.d"
chroot "$work/rootfs" apt-get clean
rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/"*.bin
: > "$work/rootfs/etc/resolv.conf"
tar --numeric-owner -C "$work/rootfs" -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["bash"]' - "$tag" >/dev/null
