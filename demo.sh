#!/usr/bin/env bash
# Builds Custody and runs the demo agent service with the agent attached, as ops would attach it to theirs.
# The case timeline prints to the console; the full trace is written as OTLP JSON lines to custody-traces.jsonl,
# then verified against its signed checkpoints as an auditor would.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Custody (mvn -B -q package -DskipTests)..."
mvn -B -q package -DskipTests

traces="${CUSTODY_FILE_PATH:-$PWD/custody-traces.jsonl}"
rm -f "$traces"
java -javaagent:agent/target/custody-agent.jar \
  -Dotel.traces.exporter=custody-file \
  -Dotel.metrics.exporter=none \
  -Dotel.logs.exporter=none \
  -Dcustody.file.path="$traces" \
  -Dcustody.console=true \
  -jar examples/demo-agent-service/target/demo-agent-service.jar

echo
echo "Full trace (OTLP JSON, one ExportTraceServiceRequest per line): $traces"
echo
echo "The auditor's check (java -jar cli/target/custody-cli.jar verify --file $traces):"
java -jar cli/target/custody-cli.jar verify --file "$traces"

case_id=$(java -jar cli/target/custody-cli.jar cases --file "$traces" --json | grep -o '"case_id":"[^"]*"' | head -1 | cut -d'"' -f4)
echo
echo "The investigator's view of the case (java -jar cli/target/custody-cli.jar case $case_id --file $traces):"
java -jar cli/target/custody-cli.jar case "$case_id" --file "$traces"
