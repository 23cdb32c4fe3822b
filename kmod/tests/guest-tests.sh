# Guest script for kmod/qemu/run-guest.sh: rounds of selftest and fuzz, each with the modules freshly
# loaded (with the given cogos_tensor parameters) and unloaded after (rmmod must succeed).
#
#   run-guest.sh [--cpu max|qemu64] kmod/tests/guest-tests.sh BUILD_DIR ROUND...
#   ROUND:  selftest[:PARAMS]  or  fuzz=SECONDS[:PARAMS]      PARAMS: comma-separated, e.g. max_simd=0,workers=3
# BUILD_DIR is the host path given to `make -C kmod BUILD=...` (the default is kmod/build).
# Example: run-guest.sh kmod/tests/guest-tests.sh $PWD/kmod/build selftest:max_simd=0 selftest fuzz=30
. "$COGOS_SCRIPT_DIR/../qemu/guest/load.sh"
build=$1
shift
n=0
for round in "$@"; do
	n=$((n + 1))
	what=${round%%:*}
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
