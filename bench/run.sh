#!/usr/bin/env bash
# Build benchmark: see bench/README.md.
#
#   bench/run.sh                 builds the release binary, generates both corpora, runs everything
#
# Environment:
#   BENCH_DIR=DIR        scratch folder (default: a new mktemp -d folder, removed at the end)
#   BENCH_RUNS=N         runs per generator and scenario (default 5)
#   BENCH_BUDGET=S       seconds per generator and scenario: no new run once it would exceed them
#                        (default 180; a slow build gets fewer runs, never fewer than one)
#   BENCH_TIMEOUT=S      kill a single build after S seconds (default 600)
#   TRANSPARENCE_BIN=F   use this binary instead of building one
#   TRANSPARENCE_BASELINE=F  also run this binary (e.g. an older build) on both corpora, interleaved, with ratios
#   TRANSPARENCE_BASELINE_TEMPLATES=DIR  the baseline's site-templates (default: this checkout's), e.g.
#                        `git archive OLD site-templates | tar -x -C DIR` when the templates changed too
#   BENCH_SKIP_GROUP=1   only corpus (a)
#
# Prints a Markdown table on stdout and writes it to bench/results-latest.md; progress on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
runs="${BENCH_RUNS:-5}"

if ! command -v hugo >/dev/null 2>&1; then
    echo "hugo missing: installing it with apt-get" >&2
    source "$repo/scripts/setup.sh"   # apt_install waits for the package manager's locks
    apt_install hugo
fi
for tool in find python3; do command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }; done

if [[ -n "${BENCH_DIR:-}" ]]; then
    bench="$BENCH_DIR"
    mkdir -p "$bench"
else
    bench="$(mktemp -d -t transparence-bench.XXXXXX)"
    trap 'rm -rf "$bench"' EXIT
fi
echo "scratch folder: $bench" >&2

# 1. The binary. Others may be editing the sources: a build that fails is retried a few times.
#    The binary and the templates are copied, so a rebuild elsewhere cannot change them mid-run.
mkdir -p "$bench/bin"
if [[ -n "${TRANSPARENCE_BIN:-}" ]]; then
    cp "$TRANSPARENCE_BIN" "$bench/bin/transparence"
else
    for attempt in 1 2 3 4 5; do
        if (cd "$repo" && swift build -c release --product transparence >&2); then break; fi
        [[ $attempt == 5 ]] && { echo "swift build failed $attempt times" >&2; exit 1; }
        echo "swift build failed (attempt $attempt), retrying in 60 s" >&2
        sleep 60
    done
    cp "$repo/.build/release/transparence" "$bench/bin/transparence"
fi
rm -rf "$bench/templates"
cp -r "$repo/site-templates" "$bench/templates"
bin="$bench/bin/transparence"
baseline_args=()
if [[ -n "${TRANSPARENCE_BASELINE:-}" ]]; then
    mkdir -p "$bench/baseline"
    cp "$TRANSPARENCE_BASELINE" "$bench/baseline/transparence"
    rm -rf "$bench/baseline/templates"
    cp -r "${TRANSPARENCE_BASELINE_TEMPLATES:-$repo/site-templates}" "$bench/baseline/templates"
    baseline_args=(--baseline "$bench/baseline/transparence" --baseline-templates "$bench/baseline/templates")
fi

# 2. The corpora (deterministic). No separate `transparence check`: every build validates, and a
#    build that reports an error stops the benchmark with its diagnostics.
python3 "$here/generate.py" --plain "$bench/plain"
group_args=()
if [[ -z "${BENCH_SKIP_GROUP:-}" ]]; then
    python3 "$here/generate.py" --group "$bench/group"
    group_args=(--group "$bench/group")
fi

# 3. The measurements.
python3 "$here/bench.py" --bin "$bin" --templates "$bench/templates" --hugo "$(command -v hugo)" \
    --plain "$bench/plain" --work "$bench/work" --runs "$runs" \
    --budget "${BENCH_BUDGET:-180}" --timeout "${BENCH_TIMEOUT:-600}" \
    --results "$here/results-latest.md" "${group_args[@]}" "${baseline_args[@]}"
