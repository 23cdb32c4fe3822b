#!/usr/bin/env bash
# Prints (as shell assignments) the Debian kernel the cogos modules are built and tested against:
#   KVER      the version of the installed linux-headers-amd64 (worked out now, never hard-coded)
#   KBUILD    its build tree, for `make -C kmod KVER=...`
#   VMLINUZ   the matching kernel image, downloaded once with `apt-get download` and unpacked with dpkg-deb
#             (installing linux-image would pull udev and rebuild an initramfs we do not use)
#   KMODROOT  the unpacked image root holding lib/modules/$KVER with a modules.dep (busybox depmod)
# The image is cached under ${COGOS_KERNEL_CACHE:-$HOME/.cache/cogos/kernel}/$KVER.
# Usage: eval "$(kmod/qemu/kernel.sh)"
set -euo pipefail

die() { echo "kernel.sh: $*" >&2; exit 1; }

depends=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
    die "linux-headers-amd64 is not installed (apt-get install linux-headers-amd64)"
kver=$(sed -nE 's/.*linux-headers-([0-9][^ ,]*-amd64).*/\1/p' <<<"$depends")
[ -n "$kver" ] || die "cannot find the kernel version in linux-headers-amd64's Depends: $depends"
kbuild=/usr/src/linux-headers-$kver
[ -d "$kbuild" ] || die "$kbuild is missing"

cache=${COGOS_KERNEL_CACHE:-$HOME/.cache/cogos/kernel}/$kver
vmlinuz=$cache/root/boot/vmlinuz-$kver
if [ ! -f "$cache/root/lib/modules/$kver/modules.dep" ]; then
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/download.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    # apt-get download writes into the current directory, which its _apt sandbox user may not reach.
    (cd "$tmp" && apt-get download -q -o APT::Sandbox::User="$(id -un)" "linux-image-$kver" >&2) ||
        die "apt-get download linux-image-$kver failed"
    rm -rf "$cache/root"
    dpkg-deb -x "$tmp"/linux-image-"$kver"_*.deb "$cache/root"
    busybox depmod -b "$cache/root" "$kver"
fi
[ -f "$vmlinuz" ] || die "$vmlinuz is missing from the linux-image package"

printf 'KVER=%q\nKBUILD=%q\nVMLINUZ=%q\nKMODROOT=%q\n' "$kver" "$kbuild" "$vmlinuz" "$cache/root"
