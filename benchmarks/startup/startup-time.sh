#!/usr/bin/env bash
# Wall time of the demo agent service (start, one agent task against its local scripted model, exit) with no agent,
# with the stock OpenTelemetry Java agent, with the Custody agent and with Custody under custody.profile=lean: one
# warm-up each, then RUNS rounds that run the four variants in turn (the order rotates each round). Prints median and
# min per variant, their ratios, and lean's start-up overhead over no agent as a share of the stock agent's.
#
# Usage: benchmarks/startup/startup-time.sh [RUNS]      (or RUNS=N in the environment; default 7)
# Times with hyperfine when it is installed (one hyperfine call per run), else with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${1:-${RUNS:-7}}
OTEL_VERSION=2.31.1
STOCK=${STOCK_AGENT:-$HOME/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/$OTEL_VERSION/opentelemetry-javaagent-$OTEL_VERSION.jar}
CUSTODY=$PWD/agent/target/custody-agent.jar
DEMO=$PWD/examples/demo-agent-service/target/demo-agent-service.jar
# The same for both agents: no exporter, so no collector is needed.
OTEL_OPTS="-Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none"

for jar in "$CUSTODY" "$DEMO"; do
  if [[ ! -f $jar ]]; then
    echo "Missing $jar: build first with 'mvn -B -q package -DskipTests' (or install)." >&2
    exit 1
  fi
done
if [[ ! -f $STOCK ]]; then
  mvn -B -q dependency:get -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION" -Dtransitive=false
  [[ -f $STOCK ]] || { echo "Missing $STOCK (set STOCK_AGENT to the stock agent jar)." >&2; exit 1; }
fi

command_for() {
  case $1 in
    none) echo "java -jar $DEMO" ;;
    stock) echo "java -javaagent:$STOCK $OTEL_OPTS -jar $DEMO" ;;
    custody) echo "java -javaagent:$CUSTODY $OTEL_OPTS -jar $DEMO" ;;
    lean) echo "java -javaagent:$CUSTODY $OTEL_OPTS -Dcustody.profile=lean -jar $DEMO" ;;
  esac
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Prints the wall time of one run of the variant, in ms; fails when the demo fails.
time_once() {
  local cmd
  cmd=$(command_for "$1")
  if command -v hyperfine >/dev/null; then
    hyperfine -N --runs 1 --export-csv "$tmp/run.csv" "$cmd" >/dev/null
    awk -F, 'NR == 2 { printf "%d\n", $2 * 1000 + 0.5 }' "$tmp/run.csv"
  else
    local start
    start=$(date +%s%N)
    $cmd >/dev/null 2>&1 || { echo "failed: $cmd" >&2; return 1; }
    echo $((($(date +%s%N) - start) / 1000000))
  fi
}

variants=(none stock custody lean)
timer=$(command -v hyperfine >/dev/null && echo hyperfine || echo "date +%s%N")
echo "Demo agent service, $RUNS runs per variant after one warm-up each, timed with $timer."
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)."
for v in "${variants[@]}"; do time_once "$v" >/dev/null; done
for ((round = 0; round < RUNS; round++)); do
  for ((i = 0; i < ${#variants[@]}; i++)); do
    v=${variants[(round + i) % ${#variants[@]}]}
    ms=$(time_once "$v")
    echo "$v $ms" >>"$tmp/times"
  done
done

echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."

# Median and min per variant, in ms.
stats() {
  awk -v v="$1" '$1 == v { print $2 }' "$tmp/times" | sort -n |
    awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print m, t[1] }'
}
read -r none_med none_min < <(stats none)
read -r stock_med stock_min < <(stats stock)
read -r custody_med custody_min < <(stats custody)
read -r lean_med lean_min < <(stats lean)

printf '\n| %-13s | %10s | %8s |\n' variant "median ms" "min ms"
printf '|%s|%s|%s|\n' "---------------" "-----------:" "---------:"
printf '| %-13s | %10s | %8s |\n' "no agent" "$none_med" "$none_min" \
  "stock $OTEL_VERSION" "$stock_med" "$stock_min" custody "$custody_med" "$custody_min" \
  "custody lean" "$lean_med" "$lean_min"
awk -v a="$custody_med" -v b="$stock_med" -v c="$custody_min" -v d="$stock_min" \
  'BEGIN { printf "| %-13s | %10.2f | %8.2f |\n", "custody/stock", a / b, c / d }'
awk -v a="$stock_med" -v b="$none_med" -v c="$stock_min" -v d="$none_min" \
  'BEGIN { printf "| %-13s | %10.2f | %8.2f |\n", "stock/none", a / b, c / d }'
awk -v a="$lean_med" -v b="$stock_med" -v c="$lean_min" -v d="$stock_min" \
  'BEGIN { printf "| %-13s | %10.2f | %8.2f |\n", "lean/stock", a / b, c / d }'
# The goal for lean: its start-up overhead over no agent at most half the stock agent's (<= 0.50).
awk -v l="$lean_med" -v s="$stock_med" -v n="$none_med" -v lm="$lean_min" -v sm="$stock_min" -v nm="$none_min" \
  'BEGIN { printf "| %-13s | %10.2f | %8.2f |\n", "(lean-none)/(stock-none)", (l - n) / (s - n), (lm - nm) / (sm - nm) }'
