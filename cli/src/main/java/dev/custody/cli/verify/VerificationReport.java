package dev.custody.cli.verify;

import dev.custody.cli.findings.TamperEvidence;
import dev.custody.core.json.JsonWriter;
import dev.custody.exporter.integrity.Checkpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verification found: {@code intact} when every span was covered and matched; {@code
 * tampered} when anything was modified or forged (or a checkpoint's signature or chain is wrong);
 * {@code incomplete} when something is missing or could not be verified.
 */
public final class VerificationReport {

  private final int spansChecked;
  private final int checkpointsChecked;
  private final String caseId;
  private final List<Finding> modified = new ArrayList<>();
  private final List<Finding> unexpected = new ArrayList<>();
  private final List<Finding> unverified = new ArrayList<>();
  private final List<Finding> unsequenced = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
  private final List<Run> droppedRuns = new ArrayList<>();
  private long droppedSpans;
  private long droppedCheckpoints;
  private long lostInProcess;

  VerificationReport(int spansChecked, int checkpointsChecked, String caseId) {
    this.spansChecked = spansChecked;
    this.checkpointsChecked = checkpointsChecked;
    this.caseId = caseId;
  }

  public String status() {
    if (!modified.isEmpty() || !unexpected.isEmpty() || !problems.isEmpty()) {
      return "tampered";
    }
    if (!missing.isEmpty()
        || !unverified.isEmpty()
        || !unsequenced.isEmpty()
        || droppedSpans > 0
        || droppedCheckpoints > 0
        || keys.isEmpty()) {
      return "incomplete";
    }
    return "intact";
  }

  /** 0 when intact, 1 otherwise. */
  public int exitCode() {
    return "intact".equals(status()) ? 0 : 1;
  }

  void modified(Finding finding) {
    modified.add(finding);
  }

  void unexpected(Finding finding) {
    unexpected.add(finding);
  }

  void unverified(Finding finding) {
    unverified.add(finding);
  }

  void unsequenced(Finding finding) {
    unsequenced.add(finding);
  }

  void lostInProcess() {
    lostInProcess++;
  }

  void missing(String stream, long from, long to) {
    if (from <= to) {
      missing.add(range(stream, from, to));
    }
  }

  /** Numbers a checkpoint says the durable buffer dropped: lost, not deleted. */
  void droppedByBuffer(String stream, long from, long to) {
    if (from > to) {
      return;
    }
    droppedSpans += to - from + 1;
    Run last = droppedRuns.isEmpty() ? null : droppedRuns.get(droppedRuns.size() - 1);
    if (last != null && last.stream().equals(stream) && last.to() == from - 1) {
      droppedRuns.set(droppedRuns.size() - 1, new Run(stream, last.from(), to));
    } else {
      droppedRuns.add(new Run(stream, from, to));
    }
  }

  private record Run(String stream, long from, long to) {
    @Override
    public String toString() {
      return range(stream, from, to);
    }
  }

  /** Spans the buffer dropped whose numbers no received checkpoint covers. */
  void droppedByBuffer(long spans) {
    droppedSpans += spans;
  }

  void droppedCheckpoints(long checkpoints) {
    droppedCheckpoints += checkpoints;
  }

  void missingCheckpoints(String stream, long from, long to) {
    problems.add(
        "stream "
            + shortId(stream)
            + ": checkpoint"
            + (from == to ? " " + from + " is" : "s " + from + " to " + to + " are")
            + " missing");
  }

  void brokenChain(String stream, long index) {
    problems.add(
        "stream "
            + shortId(stream)
            + ": checkpoint "
            + index
            + " does not follow the one before it (its previous hash or first number differs)");
  }

  void forgedCheckpoint(Checkpoint checkpoint, String why) {
    problems.add(
        "stream "
            + shortId(checkpoint.stream())
            + ": checkpoint "
            + checkpoint.index()
            + " "
            + why);
  }

  void key(String id, String source, boolean matchesGiven) {
    keys.computeIfAbsent(
        id,
        k -> {
          Map<String, Object> key = new LinkedHashMap<>();
          key.put("id", id);
          key.put("source", source);
          key.put("matches_given_key", matchesGiven);
          key.put("self_signed", !matchesGiven && "ephemeral".equals(source));
          return key;
        });
  }

  /**
   * What the report holds against the record or case, as the {@code evidence-tampered} rule reads
   * it.
   */
  public TamperEvidence tamperEvidence() {
    return new TamperEvidence(
        modified.stream().map(Finding::spanId).toList(),
        unexpected.stream().map(Finding::spanId).toList(),
        missing,
        problems);
  }

  public String toJson() {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("status").value(status());
    if (caseId != null) {
      json.name("case").value(caseId);
    }
    json.name("spans_checked").value(spansChecked);
    json.name("checkpoints_checked").value(checkpointsChecked);
    ids(json.name("modified"), modified);
    json.name("missing").beginArray();
    missing.forEach(json::value);
    json.endArray();
    ids(json.name("unexpected"), unexpected);
    ids(json.name("unverified"), unverified);
    ids(json.name("unsequenced"), unsequenced);
    json.name("lost_in_process").value(lostInProcess);
    json.name("dropped_by_buffer").beginObject();
    json.name("spans").value(droppedSpans);
    json.name("checkpoints").value(droppedCheckpoints);
    json.name("ranges").beginArray();
    droppedRuns.forEach(run -> json.value(run.toString()));
    json.endArray().endObject();
    json.name("problems").beginArray();
    problems.forEach(json::value);
    json.endArray();
    json.name("keys").beginArray();
    keys.values().forEach(key -> json.decoded(key, text -> text));
    json.endArray();
    return json.endObject().toString();
  }

  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(status().toUpperCase(java.util.Locale.ROOT))
        .append(": ")
        .append(spansChecked)
        .append(" spans and ")
        .append(checkpointsChecked)
        .append(" checkpoints checked")
        .append(caseId == null ? "" : ", reporting on case " + caseId)
        .append('\n');
    for (Map<String, Object> key : keys.values()) {
      text.append("  key ")
          .append(key.get("id"))
          .append(
              Boolean.TRUE.equals(key.get("matches_given_key"))
                  ? ": the key given"
                  : Boolean.TRUE.equals(key.get("self_signed"))
                      ? ": self-signed (the process's own key; compare it with its start-up log)"
                      : ": configured, but no key was given to compare it with")
          .append('\n');
    }
    if (caseId != null && spansChecked == 0 && keys.isEmpty()) {
      text.append("  no span carries case ").append(caseId).append(" and no checkpoint names it\n");
    }
    problems.forEach(problem -> text.append("  ").append(problem).append('\n'));
    lines(text, "modified", modified);
    lines(text, "forged", unexpected);
    missing.forEach(range -> text.append("  missing: sequence ").append(range).append('\n'));
    lines(text, "unverified", unverified);
    lines(text, "not covered", unsequenced);
    if (droppedSpans > 0 || droppedCheckpoints > 0) {
      text.append("  dropped by the buffer: ")
          .append(droppedSpans)
          .append(" spans")
          .append(droppedCheckpoints > 0 ? " and " + droppedCheckpoints + " checkpoints" : "")
          .append(droppedRuns.isEmpty() ? "" : " (sequence " + runs() + ")")
          .append(
              ", as the process's signed checkpoints say: lost before a backend took them, not deleted\n");
    }
    if (lostInProcess > 0) {
      text.append("  ")
          .append(lostInProcess)
          .append(" spans were dropped in the process before any exporter got them\n");
    }
    return text.toString();
  }

  private static void lines(StringBuilder text, String label, List<Finding> findings) {
    for (Finding finding : findings) {
      text.append("  ")
          .append(label)
          .append(": ")
          .append(finding.name())
          .append(" (span ")
          .append(finding.spanId())
          .append(finding.caseId() == null ? "" : ", case " + finding.caseId())
          .append(", ")
          .append(finding.start())
          .append("): ")
          .append(finding.problem())
          .append('\n');
    }
  }

  private static void ids(JsonWriter json, List<Finding> findings) {
    json.beginArray();
    findings.forEach(finding -> json.value(finding.spanId()));
    json.endArray();
  }

  private String runs() {
    return String.join(", ", droppedRuns.stream().map(Run::toString).toList());
  }

  private static String range(String stream, long from, long to) {
    return shortId(stream) + ":" + (from == to ? String.valueOf(from) : from + "-" + to);
  }

  private static String shortId(String stream) {
    return stream.length() > 8 ? stream.substring(0, 8) : stream;
  }
}
