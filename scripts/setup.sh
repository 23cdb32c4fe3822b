#!/usr/bin/env bash
# Installs what cogos needs on a fresh Debian bookworm machine (Java 17 and Maven are expected there already).
# Idempotent; safe to run again. Needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
[ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_sub >/dev/null || need+=(mosquitto-clients)
# TLS tests make their certificates with openssl, as docs/security.md tells a site to.
command -v openssl >/dev/null || need+=(openssl)
# The kernel modules are built against Debian's kernel headers and tested under qemu (kmod/README.md).
command -v gcc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
dpkg -s linux-headers-amd64 >/dev/null 2>&1 || need+=(linux-headers-amd64)
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
# The metrics test checks /metrics with Prometheus's own checker (docs/metrics.md).
command -v promtool >/dev/null || need+=(prometheus)
# The dashboard test drives Debian's chromium through its chromedriver (docs/dashboard.md).
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)

if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "setup: installing ${need[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# The Debian kernel image the qemu tests boot (matching the installed headers), fetched once into a cache now
# rather than in the middle of the tests.
"$(dirname "$0")/../kmod/qemu/kernel.sh" >/dev/null

# Karaf 4.4 runs on Java 17, not newer: pick 17 when the default java is something else.
if ! java -version 2>&1 | grep -q 'version "17'; then
    for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17*; do
        [ -x "$jdk/bin/java" ] && { echo "export JAVA_HOME=$jdk"; break; }
    done
fi
