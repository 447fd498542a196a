#!/usr/bin/env bash
# Builds Custody and runs the demo agent service with the agent attached, as ops would attach it to theirs.
# The case timeline prints to the console; the full trace is written as OTLP JSON lines to custody-traces.jsonl,
# then verified against its signed checkpoints as an auditor would, shown as the investigator's view and written as
# an HTML report. With OTEL_EXPORTER_OTLP_ENDPOINT set (e.g. a local Jaeger's http://localhost:4318), the trace is
# also sent there over OTLP.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Custody (mvn -B -q package -DskipTests)..."
mvn -B -q package -DskipTests

demo=examples/demo-agent-service/target/demo-agent-service.jar
cli=cli/target/custody-cli.jar
traces="${CUSTODY_FILE_PATH:-$PWD/custody-traces.jsonl}"
report="$PWD/custody-case.html"
rm -f "$traces" "$report"

# The pod the service runs in: the service-account token Kubernetes would mount, its workload identity.
token="$PWD/examples/demo-agent-service/target/pod/token"
java -cp "$demo" dev.custody.demo.PodToken "$token"

exporters=custody-file
if [[ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]]; then
  exporters=custody-file,otlp
fi
java -javaagent:agent/target/custody-agent.jar \
  -Dotel.traces.exporter="$exporters" \
  -Dotel.metrics.exporter=none \
  -Dotel.logs.exporter=none \
  -Dcustody.file.path="$traces" \
  -Dcustody.console=true \
  -Dcustody.workload.kubernetes.token_path="$token" \
  -Dapp.service-account-token="$token" \
  -jar "$demo"

echo
echo "Full trace (OTLP JSON, one ExportTraceServiceRequest per line): $traces"
echo
echo "The auditor's check (java -jar $cli verify --file $traces):"
java -jar "$cli" verify --file "$traces"

case_id=$(java -jar "$cli" cases --file "$traces" --json | grep -o '"case_id":"[^"]*"' | head -1 | cut -d'"' -f4)
echo
echo "The investigator's view of the case (java -jar $cli case $case_id --file $traces):"
java -jar "$cli" case "$case_id" --file "$traces"

java -jar "$cli" report "$case_id" --file "$traces" --html "$report"
echo
echo "Open the case in a browser: $report"
if [[ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]]; then
  echo "In Jaeger: http://localhost:16686/search?service=demo-agent-service&tags=%7B%22custody.case.id%22%3A%22$case_id%22%7D"
else
  echo "In Jaeger: docker run --rm -p 16686:16686 -p 4318:4318 jaegertracing/jaeger:latest, then"
  echo "  OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 ./demo.sh"
fi
