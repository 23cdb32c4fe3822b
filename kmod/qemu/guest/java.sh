# Guest script: native-bridge's JUnit tests against the real devices, in a JVM chrooted into the host root.
# Args: BUILD_DIR CLASSPATH_FILE NATIVE_LIB TEST_CLASS...
. "$COGOS_SCRIPT_DIR/load.sh"
build=$1 classpath=$(cat "/host$2") lib=$3
shift 3
load_cogos "$build" || exit 10
# The kernel tests skip themselves without the device; here it must be there, so a skip cannot pass as OK.
[ -c /host/dev/cogos_tensor ] && [ -c /host/dev/cogos_compute ] || { echo "java.sh: no cogos devices"; exit 10; }
guest_java -Dcogos.native.lib="$lib" -cp "$classpath" org.junit.runner.JUnitCore "$@" || exit 11
unload_cogos || exit 13
