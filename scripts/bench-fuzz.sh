#!/usr/bin/env bash
# The longer fuzzing run (docs/fuzzing.md): every payload decoder's Jazzer fuzz test for SECONDS each (default 600),
# one JVM per decoder, then a table of executions, coverage (libFuzzer's cov: edges, ft: features), corpus size
# and findings. The test suite runs the same tests for 30 s each (cogos.fuzz.seconds).
#   scripts/bench-fuzz.sh [SECONDS] [MODULE...]      e.g. scripts/bench-fuzz.sh 120 broker sensor
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/setup.sh | grep '^export ' || true)"
export OPT_OUT_TRACKING=true
seconds=${1:-600}
shift || true
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(sensor language audio vision mqtt broker)
mvn -B -q -ntp install -DskipTests -pl "$(printf 'bundles/%s,' "${modules[@]}" | sed 's/,$//')" -am
out=bench/target/fuzz
mkdir -p "$out"
printf '%-10s %12s %10s %8s %8s %8s %s\n' module executions exec/s cov ft corpus result
for m in "${modules[@]}"; do
    log="$out/$m.log"
    status=passed
    mvn -B -ntp -pl "bundles/$m" surefire:test@fuzz -Dcogos.fuzz.seconds="$seconds" >"$log" 2>&1 || status=FAILED
    # libFuzzer's last status line: "#RUNS DONE cov: N ft: N corp: N/size exec/s: N rss: N"
    done=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
    runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$done" | cut -d' ' -f2)
    ft=$(grep -oE 'ft: [0-9]+' <<<"$done" | cut -d' ' -f2)
    corp=$(grep -oE 'corp: [0-9]+' <<<"$done" | cut -d' ' -f2)
    rate=$(grep -oE 'exec/s: [0-9]+' <<<"$done" | cut -d' ' -f2)
    printf '%-10s %12s %10s %8s %8s %8s %s\n' "$m" "${runs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "${corp:--}" \
        "$status (log: $log)"
done
