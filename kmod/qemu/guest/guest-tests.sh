# Guest script for kmod/qemu/run-guest.sh: rounds of selftest and fuzz, each with the modules freshly
# loaded (with the given cogos_tensor parameters) and unloaded after (rmmod must succeed).
#
#   run-guest.sh [--cpu max|qemu64] kmod/qemu/guest/guest-tests.sh BUILD_DIR ROUND...
#   ROUND:  selftest[:PARAMS]  or  fuzz=SECONDS[:PARAMS]  or  badparams
#           PARAMS: comma-separated cogos_tensor parameters, e.g. max_simd=0,workers=3
#           badparams: every out-of-range parameter must make insmod fail (and leave nothing loaded)
# BUILD_DIR is the host path given to `make -C kmod BUILD=...` (the default is kmod/build).
# Example: run-guest.sh kmod/qemu/guest/guest-tests.sh $PWD/kmod/build badparams selftest:max_simd=0 selftest fuzz=30
. "$COGOS_SCRIPT_DIR/load.sh"
build=$1
shift
n=0
for round in "$@"; do
	n=$((n + 1))
	what=${round%%:*}
	if [ "$what" = badparams ]; then
		echo "=== round $n: out-of-range parameters are refused"
		for p in pool_blocks=0 pool_blocks=65537 block_kb=2 block_kb=6 block_kb=16385 \
			 pool_blocks=65536,block_kb=64 workers=9 queue_depth=0 queue_depth=4097 \
			 max_simd=3 pin_limit_mb=0 pin_limit_mb=1025 inline_max_work=1048577 \
			 inline_max_work=4294967295; do
			# shellcheck disable=SC2046 # one word per parameter
			if insmod "/host$build/cogos_tensor.ko" $(echo "$p" | tr , ' ') 2>/dev/null; then
				echo "FAIL insmod cogos_tensor $p was accepted"
				rmmod cogos_tensor
				exit 14
			fi
			echo "ok   insmod cogos_tensor $p refused: $(dmesg | tail -1 | sed 's/^\[[^]]*\] //')"
		done
		grep -q '^cogos_tensor ' /proc/modules && { echo "FAIL cogos_tensor left loaded"; exit 14; }
		continue
	fi
	params=
	case $round in *:*) params=$(echo "${round#*:}" | tr , ' ') ;; esac
	echo "=== round $n: $what ${params:-(default parameters)}"
	# shellcheck disable=SC2086 # params are words on purpose
	load_cogos "$build" $params || exit 10
	case $what in
	selftest) "/host$build/tests/selftest" || exit 11 ;;
	fuzz=*) "/host$build/tests/fuzz" --seconds "${what#fuzz=}" --threads 6 --seed "$n" || exit 12 ;;
	*) echo "guest-tests.sh: unknown round $round" >&2; exit 64 ;;
	esac
	unload_cogos || exit 13
done
echo "GUEST TESTS PASS ($n rounds)"
