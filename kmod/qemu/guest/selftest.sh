# Guest script: the C selftest of every ioctl and bad input, then the ioctl fuzzer, then rmmod.
# Args: BUILD_DIR FUZZ_ARGS...
. "$COGOS_SCRIPT_DIR/load.sh"
build=$1
shift
load_cogos "$build" || exit 10
"/host$build/tests/selftest" || exit 11
"/host$build/tests/fuzz" "$@" || exit 12
unload_cogos || exit 13
