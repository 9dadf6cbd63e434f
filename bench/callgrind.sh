#!/bin/bash
# Instructions executed by the pipelines of the bench calls, per call-second: repeatable on a busy
# machine, where CPU time is not (other processes thrash the caches). Runs bench/pipeline-cpu.js
# under valgrind --tool=callgrind with instrumentation off through start-up and the warm-up pass,
# on for the measured pass only (node --single-threaded: the GC and the compiler run inline, so
# they are counted too; --predictable-gc-schedule: V8 otherwise times its collections by the wall
# clock, which moved one build's count between 18 and 23 M per call-second on a busy machine).
# Usage, from the repository root:
#   bench/callgrind.sh [DIST_DIR=dist] [pipeline-cpu args, default --calls 4 --duration-s 10]
set -euo pipefail
dist=${1:-dist}
shift || true
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--calls 4 --duration-s 10)
tmp=$(mktemp -d)
[ -n "${KEEP_CALLGRIND:-}" ] || trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$tmp/cg.%p" \
  node --single-threaded --predictable-gc-schedule "$dist/bench/pipeline-cpu.js" "${args[@]}" --wait-file "$tmp/go" > "$tmp/out" 2> "$tmp/err" &
pid=$!
until [ -e "$tmp/go.ready" ]; do
  kill -0 $pid 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
  sleep 1
done
callgrind_control -i on $pid > /dev/null
touch "$tmp/go"
until [ -e "$tmp/go.done" ]; do sleep 1; done
callgrind_control -i off $pid > /dev/null
wait $pid
ir=$(grep -o 'Collected : [0-9]*' "$tmp/err" | awk '{print $3}')
callS=$(tail -1 "$tmp/out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).callSeconds))')
# V8's optimising compiler still runs in a short measured pass (a long-running node has long finished
# compiling): its share varies with the code under test, so it is reported apart.
compile=$(callgrind_annotate --threshold=100 "$tmp"/cg.* 2>/dev/null | grep -E '::compiler::|turboshaft|maglev' | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
echo "{\"bench\":\"callgrind\",\"dist\":\"$dist\",\"instructions\":$ir,\"compilerInstructions\":$compile,\"callSeconds\":$callS,\"instructionsPerCallS\":$((ir / callS)),\"withoutCompilerPerCallS\":$(((ir - compile) / callS))}"
