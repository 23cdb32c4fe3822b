# Guest script: the tensor benchmark, kernel backend against user-space backend in one JVM (bench/README.md,
# "Tensor engine"). Times in the guest are emulated (qemu TCG). The report is printed between the markers
# COGOS-BENCH-BEGIN and COGOS-BENCH-END for scripts/bench-tensor.sh to pick out of the serial log.
# Args: BUILD_DIR CLASSPATH_FILE NATIVE_LIB [JVM_OPTIONS...]
. "$COGOS_SCRIPT_DIR/load.sh"
build=$1 classpath=$(cat "/host$2") lib=$3
shift 3
load_cogos "$build" || exit 10
echo COGOS-BENCH-BEGIN
guest_java -Dcogos.native.lib="$lib" "$@" -cp "$classpath" org.cogos.bench.tensor.GuestTensorBenchmark || exit 11
echo COGOS-BENCH-END
unload_cogos || exit 13
