# Guest script: a tensor benchmark with the cogos modules loaded (bench/README.md, "Tensor engine"):
# org.cogos.bench.tensor.GuestTensorBenchmark (kernel backend against user-space backend in one JVM) or
# PriorityBenchmark. Times in the guest are emulated (qemu TCG). The report is printed between the markers
# COGOS-BENCH-BEGIN and COGOS-BENCH-END for scripts/bench-tensor.sh to pick out of the serial log.
# Args: BUILD_DIR CLASSPATH_FILE NATIVE_LIB MAIN_CLASS [JVM_OPTIONS...]
. "$COGOS_SCRIPT_DIR/load.sh"
build=$1 classpath=$(cat "/host$2") lib=$3 main=$4
shift 4
load_cogos "$build" || exit 10
echo COGOS-BENCH-BEGIN
guest_java -Dcogos.native.lib="$lib" "$@" -cp "$classpath" "$main" || exit 11
echo COGOS-BENCH-END
unload_cogos || exit 13
