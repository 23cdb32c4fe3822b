#!/usr/bin/env bash
# Runs cogos: the Karaf distribution with the embedded MQTT broker, plus a simulated robot in a small room that
# carries out what it is told: it is commanded "go forward one meter", "turn left", "follow me" and "stop", prints
# every action it receives, every ack it sends with its pose, and what it says. Builds first when needed.
#
#   scripts/run-cogos.sh            build if needed, start cogos, run the robot (Ctrl-C stops both)
#   scripts/run-cogos.sh --no-robot start cogos only
#
# The Karaf console: run/cogos/bin/client -u karaf -p karaf   (SSH on 127.0.0.1:8101)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
eval "$(scripts/setup.sh | grep '^export ' || true)"
export OPT_OUT_TRACKING=true

robot=yes
[ "${1:-}" = "--no-robot" ] && robot=no

version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
dist=karaf-features/distribution/target/cogos-distribution-$version.tar.gz
sim=integration-tests/robot-sim/target/cogos-robot-sim.jar
if [ ! -f "$dist" ] || [ ! -f "$sim" ]; then
    echo "cogos: building (first run takes a few minutes)"
    mvn -B -q -ntp install -DskipTests
fi

home=$root/run/cogos
if [ ! -x "$home/bin/karaf" ] || [ "$dist" -nt "$home/bin/karaf" ]; then
    rm -rf "$home" && mkdir -p "$root/run"
    tar -xzf "$dist" -C "$root/run" && mv "$root/run/cogos-distribution-$version" "$home"
fi

# The distribution ships no console user (docs/security.md); the demo gives itself the administrator karaf/karaf,
# reachable only from this machine (SSH listens on 127.0.0.1).
if ! grep -q '^karaf *=' "$home/etc/users.properties"; then
    printf '%s\n' 'karaf = karaf,_g_:admingroup' >> "$home/etc/users.properties"
fi

port=$(sed -n 's/^port *= *//p' "$home/etc/org.cogos.broker.cfg" 2>/dev/null || true)
port=${port:-1883}
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "cogos: port $port is taken (another broker?). Stop it, or set port in $home/etc/org.cogos.broker.cfg" \
         "and uri in $home/etc/org.cogos.mqtt.cfg." >&2
    exit 1
fi

stop() {
    echo "cogos: stopping"
    "$home/bin/stop" >/dev/null 2>&1 || true
}
trap stop EXIT
"$home/bin/start"
echo "cogos: starting Karaf in $home (log: $home/data/log/karaf.log)"
for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
done
echo "cogos: up; embedded broker on 127.0.0.1:$port. Console: $home/bin/client -u karaf -p karaf"

if [ "$robot" = yes ]; then
    # The broker lets no robot in without an account: give the simulated robot one (a new password each run),
    # through the console as an operator would, once the shell's commands are up.
    # Batch mode (-b, commands on stdin): Karaf 4.4.10's client given a command argument without a terminal ends
    # the session before running it.
    console() { printf '%s\n' "$1" | "$home/bin/client" -u karaf -p karaf -b 2>&1 || true; }
    account=""
    for _ in $(seq 1 60); do
        account=$(console "robot:add sim-1")
        case "$account" in
            *"has an account already"*) account=$(console "robot:passwd sim-1") ;;
        esac
        case "$account" in *"sim-1"*"password"*) break ;; esac
        sleep 1
    done
    COGOS_ROBOT_PASSWORD=$(printf '%s\n' "$account" | tail -n 1 | tr -d '\r')
    export COGOS_ROBOT_PASSWORD
    echo "cogos: robot sim-1 has an account (robot:accounts lists them; robot:passwd sim-1 gives a new password)"
    java -jar "$sim" --uri "tcp://127.0.0.1:$port" --robot sim-1 --mode world --loop \
        --say "2:go forward one meter" --say "5:turn left" --say "8:follow me" --say "14:stop" \
        --say "16:move forward one meter" --say "18:go on" --say "20:what do you see"
else
    echo "cogos: running without a robot; Ctrl-C to stop"
    tail -f "$home/data/log/karaf.log"
fi
