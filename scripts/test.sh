#!/usr/bin/env bash
# The whole cogos test suite: unit tests, Pax Exam tests in the real Karaf distribution, and end-to-end tests
# against a real Mosquitto and the embedded broker. Does its own set-up first.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/setup.sh | grep '^export ' || true)"

# Test JVMs never reach the network (DJL, used from issue 4 on, phones home otherwise).
export OPT_OUT_TRACKING=true
exec mvn -B -ntp install "$@"
