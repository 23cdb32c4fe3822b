#!/usr/bin/env bash
# Boots Debian's own kernel under qemu (software emulation, -accel tcg; KVM does not work here) and runs one
# shell script inside it, with the host's root shared read-only over 9p at /host.
#
# Usage: kmod/qemu/run-guest.sh [--cpu max|qemu64|...] [--smp N] [--mem MiB] [--timeout SECONDS]
#                               [--log FILE] GUEST_SCRIPT [ARGS...]
#
# In the guest, GUEST_SCRIPT runs under busybox sh as root, from the initramfs, with:
#   /host                    the host root, read-only; /host/proc, /host/sys, /host/dev mounted for chroot use
#   /host/dev/shm            a writable tmpfs (use it as java.io.tmpdir)
#   COGOS_HOST=/host          and every file of the host at /host/<its host path>
#   COGOS_SCRIPT_DIR         /host/<the directory of GUEST_SCRIPT>, to source helpers next to it
#   guest_java ARGS...       a function: runs the host's JDK 17 in a chroot to /host with -XX:-UsePerfData and
#                            java.io.tmpdir=/dev/shm (JVMs need /proc; hsperfdata needs a writable /tmp)
# Kernel command line: console=ttyS0 panic=-1 oops=panic panic_on_warn=1, so any oops, BUG or WARNING ends the
# run as a panic. The script's exit status is printed as COGOS-GUEST-EXIT=<status>, then the guest powers off.
#
# Exit status: the guest script's status; 2 if the kernel oopsed, warned or panicked; 3 on timeout or when the
# guest never reported. The whole serial log is written to --log (default: a temp file, printed on failure).
set -euo pipefail

cpu=max smp=2 mem=2048 timeout=600 log=
while [ $# -gt 0 ]; do
    case $1 in
    --cpu) cpu=$2; shift 2 ;;
    --smp) smp=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "run-guest.sh: unknown option $1" >&2; exit 64 ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || { sed -n '2,20p' "$0" >&2; exit 64; }
script=$(readlink -f "$1"); shift
[ -f "$script" ] || { echo "run-guest.sh: no such guest script: $script" >&2; exit 64; }

here=$(dirname "$(readlink -f "$0")")
eval "$("$here/kernel.sh")"
command -v qemu-system-x86_64 >/dev/null || { echo "run-guest.sh: install qemu-system-x86" >&2; exit 64; }
busybox=$(command -v busybox) || { echo "run-guest.sh: install busybox-static" >&2; exit 64; }
! readelf -d "$busybox" 2>/dev/null | grep -q NEEDED ||
    { echo "run-guest.sh: $busybox is not static (install busybox-static)" >&2; exit 64; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cogos-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -n "$log" ] || log=$work/serial.log
: >"$log"

# The initramfs: busybox, the virtio/9p modules (with their dependencies, in load order), /init, the script.
root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,host,modules}
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
    # A link named busybox would overwrite the binary itself.
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
moddir=$KMODROOT/lib/modules/$KVER
order=()
add_module() { # $1: path relative to $moddir; dependencies first, each once
    local dep
    for dep in $(sed -n "s|^$1: *||p" "$moddir/modules.dep"); do add_module "$dep"; done
    case " ${order[*]-} " in *" $1 "*) ;; *) order+=("$1") ;; esac
}
for m in virtio_pci 9pnet_virtio 9p; do
    add_module "$(grep -oE "^kernel/[^:]*/$m\.ko" "$moddir/modules.dep")"
done
for m in "${order[@]}"; do
    cp "$moddir/$m" "$root/modules/"
    echo "/modules/$(basename "$m")" >>"$root/modules/order"
done
cp "$script" "$root/guest.sh"
printf '%q ' "$@" >"$root/guest.args"
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
cat >"$root/init" <<INIT
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in \$(cat /modules/order); do insmod \$m || echo "init: insmod \$m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot /host || echo "init: 9p mount failed"
mount -t proc proc /host/proc
mount -t sysfs sys /host/sys
mount -t devtmpfs dev /host/dev
mkdir -p /host/dev/shm && mount -t tmpfs -o size=512m shm /host/dev/shm
export COGOS_HOST=/host COGOS_SCRIPT_DIR=/host$(dirname "$script") PATH=/bin
guest_java() {
    chroot /host /usr/bin/env -i PATH=/usr/bin:/bin HOME=/dev/shm OPT_OUT_TRACKING=true \\
        $java_home/bin/java -XX:-UsePerfData -Djava.io.tmpdir=/dev/shm -Dai.djl.offline=true "\$@"
}
eval "set -- \$(cat /guest.args)"
. /guest.sh
INIT
# The script is sourced so that it sees guest_java; a subshell keeps its exit from skipping the report.
sed -i 's|^\. /guest.sh$|( . /guest.sh "$@" ); echo "COGOS-GUEST-EXIT=$?"; poweroff -f|' "$root/init"
chmod +x "$root/init" "$root/guest.sh"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1 >"$work/initrd")

status=0
timeout --foreground -k 5 "$timeout" qemu-system-x86_64 -accel tcg -cpu "$cpu" -m "${mem}M" -smp "$smp" \
    -no-reboot -net none -nographic -monitor none -serial "file:$log" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -kernel "$VMLINUZ" -initrd "$work/initrd" \
    -append "console=ttyS0 panic=-1 oops=panic panic_on_warn=1 loglevel=5" </dev/null || status=$?

if grep -qE 'Oops|BUG:|WARNING:|Kernel panic|general protection fault|Call Trace:' "$log"; then
    echo "run-guest.sh: the kernel oopsed, warned or panicked:" >&2
    grep -nE -A30 'Oops|BUG:|WARNING:|Kernel panic|general protection fault|Call Trace:' "$log" | head -80 >&2
    exit 2
fi
guest_exit=$(sed -nE 's/.*COGOS-GUEST-EXIT=([0-9]+).*/\1/p' "$log" | tail -1)
if [ -z "$guest_exit" ]; then
    echo "run-guest.sh: the guest never reported (qemu status $status; timeout ${timeout}s); log:" >&2
    tail -40 "$log" >&2
    exit 3
fi
[ "$guest_exit" -eq 0 ] || { echo "run-guest.sh: guest script failed ($guest_exit); log tail:" >&2; tail -40 "$log" >&2; }
exit "$guest_exit"
