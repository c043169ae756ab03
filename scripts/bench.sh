#!/usr/bin/env bash
# Benchmark of `ecsguard check` end to end (read, validate, evaluate,
# report) on generated fleets, and of real OPA on the same policies and
# input. Prints one Markdown table row per fleet size; BENCHMARKS.md keeps
# the results with this command.
#
#   scripts/bench.sh                      # 1k, 10k, 100k instances
#   SIZES="10000" RUNS=5 scripts/bench.sh
#   OPA_PY_PATH=/tmp/opa-py scripts/bench.sh   # adds the OPA column
#
# OPA runs through PyPI's opa-golib-python-bindings (OPA's Go engine); see
# scripts/opa_eval.py for how to unpack it. Nothing here reaches the network
# except that one-time download.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${SIZES:-"1000 10000 100000"}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/ecsguard-bench}
mkdir -p "$dir"

cargo build --release --quiet
cargo build --release --quiet --example gen_fleet

# The starter rules (issue 2's benchmark), for both engines; RULES=all
# benchmarks the whole built-in library instead, on fleets with every field
# the collector writes (`gen_fleet --full`): the compact fleets leave out
# fields such as KeyPairName that the starter rules never read but the
# library does, which would make whole rules answer unknown for everything.
starter="eci/spot_restart_never ecs/image_age ecs/standalone_spot ecs/cloud_assistant_agent ecs/imds_tokens_public ess/health_check ess/spot_scale_in_hook ess/single_zone"
rules="$dir/rules"
rm -rf "$rules" && mkdir -p "$rules"
if [ "${RULES:-starter}" = all ]; then
    cp -r policies/. "$rules"
else
    for r in $starter; do mkdir -p "$rules/$(dirname "$r")" && cp "policies/$r.rego" "$rules/$r.rego"; done
    cp policies/data.yaml "$rules/"
fi

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "| instances | snapshot | ecsguard wall (median of $runs) | peak RSS | RSS ÷ file | findings | OPA whole process | OPA ÷ ecsguard |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
    if [ "${RULES:-starter}" = all ]; then
        fleet="$dir/fleet-full-$n.json" full=--full
    else
        fleet="$dir/fleet-$n.json" full=
    fi
    [ -f "$fleet" ] || ./target/release/examples/gen_fleet --instances "$n" $full --out "$fleet" 2>/dev/null
    bytes=$(stat -c %s "$fleet")
    walls=() rss=0
    for _ in $(seq "$runs"); do
        # The document is rendered in full but written to /dev/null: what is
        # timed is ecsguard's work, not the disk (the whole library's 1.7 GB
        # at 100k took 20 s more or less from run to run on this VM).
        # BENCH_OUT=file writes it to $dir/out-N.json instead.
        if [ "${BENCH_OUT:-null}" = file ]; then out="$dir/out-$n.json"; else out=/dev/null; fi
        /usr/bin/time -f "%e %M" -o "$dir/time" ./target/release/ecsguard check "$fleet" --no-builtin --policy "$rules" --format json >"$out" || [ $? -eq 1 ]
        read -r wall kb < <(tail -n 1 "$dir/time")
        walls+=("$wall")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    # From the summary at the head of the document (one more run, untimed,
    # cut off after it): the whole library's findings at 100k run to
    # gigabytes, too much to keep just to count.
    if [ "${BENCH_OUT:-null}" != file ]; then
        { ./target/release/ecsguard check "$fleet" --no-builtin --policy "$rules" --format json || true; } 2>/dev/null | head -c 65536 >"$dir/out-$n.json"
    fi
    findings=$(head -c 65536 "$dir/out-$n.json" | python3 -c "import re,sys; h=sys.stdin.read(); print(sum(int(re.search(r'\"%s\": (\\d+)' % k, h).group(1)) for k in ('pass', 'fail', 'unknown', 'waived')))")
    opa="-" ratio="-"
    if [ -n "${OPA_PY_PATH:-}" ]; then
        /usr/bin/time -f "%e %M" -o "$dir/time-opa" python3 scripts/opa_eval.py deny "$fleet" "$rules" >"$dir/opa-$n.json"
        read -r opa_wall opa_kb < <(tail -n 1 "$dir/time-opa")
        opa="${opa_wall} s / $((opa_kb / 1024)) MiB"
        ratio=$(awk -v a="$opa_wall" -v b="$wall" 'BEGIN {printf "%.1f×", a / b}')
    fi
    awk -v n="$n" -v bytes="$bytes" -v wall="$wall" -v kb="$rss" -v f="$findings" -v opa="$opa" -v ratio="$ratio" 'BEGIN {
        printf "| %d | %.1f MB | %.2f s | %d MiB | %.2f | %d | %s | %s |\n", n, bytes / 1e6, wall, kb / 1024, kb * 1024 / bytes, f, opa, ratio
    }'
done
