#!/bin/bash
# Fuzzes the loaders of TransparenceKit for a bounded time (not run by CI).
#
#     fuzz/run.sh [seconds] [extra libFuzzer options…]     default: 60 seconds
#
# Builds fuzz/ in release with libFuzzer (-sanitize=fuzzer), seeds a corpus with the example
# content (content/), the CSV example (docs/exemples/), fuzz/seeds/ (indicator sheets) and the
# hostile fixtures of the tests, then runs FUZZ_JOBS libFuzzer processes (default: number of
# cores) side by side for that time, sharing one corpus. The corpus grows in fuzz/.build/corpus/
# and is reused by the next run; a crash, a hang (-timeout, seconds per input) or an out-of-memory
# input stops its process and is saved in fuzz/.build/artifacts/. Replay one with
#     fuzz/.build/release/TransparenceFuzz <file>
# Logs: fuzz/.build/logs/; the last line printed gives the total number of executions.
set -eu

seconds=${1:-60}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"

swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing

work="$here/.build"
seeds="$work/seeds"
corpus="$work/corpus"
artifacts="$work/artifacts"
logs="$work/logs"
rm -rf "$seeds" "$logs"
mkdir -p "$seeds" "$corpus" "$artifacts" "$logs"

# Seeds: every text file of the example content, the CSV example and every hostile fixture.
n=0
while IFS= read -r file; do
    n=$((n + 1))
    cp "$file" "$seeds/$(printf '%04d' "$n")-$(basename "$file")"
done < <(find "$root/content" "$root/docs/exemples" "$here/seeds" "$root/Tests/TransparenceKitTests/Fixtures/hostile" \
              -type f -size -200k 2>/dev/null | sort)

# Let libFuzzer, not Swift's backtracer, handle a crash: it then saves the input in artifacts/.
export SWIFT_BACKTRACE=enable=no

jobs=${FUZZ_JOBS:-$(nproc)}
echo "Fuzzing for ${seconds}s with $jobs process(es), $n seeds; corpus: $corpus; artifacts: $artifacts"
start=$(date +%s)
pids=()
for i in $(seq 1 "$jobs"); do
    "$work/release/TransparenceFuzz" "$corpus" "$seeds" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 -reload=30 "$@" > "$logs/fuzz-$i.log" 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done

total=0
for log in "$logs"/fuzz-*.log; do
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ -z "$runs" ]; then
        # A process stopped by a crash prints no final stats: take its last progress line.
        runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    fi
    echo "$(basename "$log"): ${runs:-0} executions$(grep -m1 -E '^==[0-9]+== ERROR|^ORACLE|deadly signal|Timeout' "$log" | sed 's/^/, /' || true)"
    total=$((total + ${runs:-0}))
done
echo "Artifacts: $(ls "$artifacts" | wc -l) in $artifacts"
echo "Total: $total executions in $(( $(date +%s) - start ))s with $jobs process(es)"
exit "$status"
