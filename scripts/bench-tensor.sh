#!/usr/bin/env bash
# Tensor engine benchmarks (bench/README.md, "Tensor engine"). Prints figures beside baselines measured in the
# same run:
#   1. on the host, JMH: JNI call cost (engine vs plain Java), user-space matmul GFLOP/s beside OpenBLAS sgemm and
#      a plain Java loop, element-wise sum through the copy path vs zero-copy tensors (~6 minutes on 2 cores);
#   2. in a qemu guest with the cogos modules loaded: the kernel backend against the user-space backend for the
#      same calls. qemu emulates the CPU there (TCG), so those times are EMULATED; only their ratio means much.
# With --priority, both parts run org.cogos.bench.tensor.PriorityBenchmark instead (bench/README.md,
# "Priorities"): a SAFETY op's latency alone and beside BACKGROUND batches, user space on the host, then the
# kernel (and user space) in the guest, as ratios (~1 minute on the host, ~3 in the guest).
# Usage: scripts/bench-tensor.sh [--priority] [--host-only | --guest-only] [JMH arguments, e.g. -i 10 MatmulBenchmark]
# GUEST_JAVA_OPTS go to the guest JVM, e.g. -Dcogos.bench.seconds=5 (time per call and backend, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
host=yes guest=yes priority=no
while [ $# -gt 0 ]; do
    case $1 in
    --host-only) guest=no; shift ;;
    --guest-only) host=no; shift ;;
    --priority) priority=yes; shift ;;
    *) break ;;
    esac
done
eval "$(scripts/setup.sh | grep '^export ' || true)"
export OPT_OUT_TRACKING=true

# The matmul baseline: the bench's shim dlopen()s Debian's OpenBLAS at run time (JMH only).
if [ $priority = no ] && ! /sbin/ldconfig -p | grep -q 'libopenblas\.so\.0 '; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "bench-tensor: installing libopenblas0"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libopenblas0
fi

# The bench module's other dependencies (the distribution, the test harness) come from the local repository.
version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
dist=karaf-features/distribution/target/cogos-distribution-$version.tar.gz
[ -f "$dist" ] || mvn -B -q -ntp install -DskipTests
# api and native-bridge from this tree; package writes bench/target/tensor-classpath.txt and the OpenBLAS shim.
mvn -B -q -ntp -pl bundles/api,native-bridge,bench package -DskipTests
classpath=$PWD/bench/target/classes:$(cat bench/target/tensor-classpath.txt)
native_lib=$PWD/native-bridge/target/native/libcogos_bridge.so
[ -f "$native_lib" ] || { echo "bench-tensor: $native_lib was not built" >&2; exit 1; }

if [ $host = yes ] && [ $priority = yes ]; then
    echo "bench-tensor: priorities on the host (user-space backend)"
    java -Dcogos.native.lib="$native_lib" -cp "$classpath" org.cogos.bench.tensor.PriorityBenchmark
elif [ $host = yes ]; then
    echo "bench-tensor: JMH on the host (log: bench/target/jmh-tensor.log, results: bench/target/jmh-tensor.json)"
    java -Dcogos.native.lib="$native_lib" -Dcogos.bench.blas.shim="$PWD/bench/target/native/libcogos_bench_blas.so" \
        -cp "$classpath" org.cogos.bench.tensor.HostTensorBenchmark -o bench/target/jmh-tensor.log "$@" ||
        { tail -40 bench/target/jmh-tensor.log >&2; exit 1; }
fi

if [ $guest = yes ]; then
    echo
    echo "bench-tensor: the qemu guest (log: bench/target/tensor-guest.log)"
    eval "$(kmod/qemu/kernel.sh)"
    make -s -C kmod KVER="$KVER" BUILD="$PWD/bench/target/kmod" all 2>&1 | { grep -v '^Skipping BTF' || true; }
    echo "$classpath" >bench/target/guest-classpath.txt
    main=org.cogos.bench.tensor.GuestTensorBenchmark main_opts=()
    if [ $priority = yes ]; then
        main=org.cogos.bench.tensor.PriorityBenchmark
        main_opts=(-Dcogos.bench.backends=kernel,userspace -Dcogos.bench.emulated=true)
    fi
    # shellcheck disable=SC2086 # GUEST_JAVA_OPTS is a list of options
    kmod/qemu/run-guest.sh --timeout 1200 --log bench/target/tensor-guest.log kmod/qemu/guest/bench.sh \
        "$PWD/bench/target/kmod" "$PWD/bench/target/guest-classpath.txt" "$native_lib" "$main" "${main_opts[@]}" \
        ${GUEST_JAVA_OPTS:-}
    sed -n '/COGOS-BENCH-BEGIN/,/COGOS-BENCH-END/p' bench/target/tensor-guest.log | tr -d '\r' |
        grep -v '^COGOS-BENCH-'
fi
