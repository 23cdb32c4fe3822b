# Sourced by the guest scripts: load_cogos BUILD_DIR [cogos_tensor parameters...] / unload_cogos.
# BUILD_DIR is the host path of `make -C kmod BUILD=...`; the guest sees it under /host.

load_cogos() {
	local build=/host$1
	shift
	insmod "$build/cogos_compute.ko" || return 1
	insmod "$build/cogos_tensor.ko" "$@" || return 1
	dmesg | grep 'cogos_' | sed 's/^/dmesg: /'
}

# rmmod must succeed: a module that cannot be unloaded (busy, leaked reference) fails the run.
unload_cogos() {
	rmmod cogos_tensor || return 1
	rmmod cogos_compute || return 1
	echo "RMMOD OK"
	dmesg | grep 'cogos_' | tail -3 | sed 's/^/dmesg: /'
}
