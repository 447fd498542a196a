package dev.custody.cli.cases;

import static dev.custody.core.findings.CaseSpan.text;

import dev.custody.core.findings.CaseFinding;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A case answered as an investigator asks: what happened when (the timeline), what it was asked, as
 * whom and for whom it ran, why it was allowed, with which credentials, what it did, when its
 * authority ended, and what should worry them. Each answer is read from the spans alone.
 */
public record CaseReport(
    CaseSummary summary,
    List<Row> timeline,
    Map<String, String> intent,
    Map<String, String> asWhom,
    Map<String, String> forWhom,
    List<Decision> decisions,
    List<Credential> credentials,
    List<ToolCall> tools,
    Map<String, String> authority,
    List<CaseFinding> findings) {

  /** A span on the timeline: offset from the case's start, its duration, its depth in the tree. */
  public record Row(
      long offsetMillis, long durationMillis, int depth, EvidenceSpan span, String details) {}

  public record Decision(
      long offsetMillis, String engine, String policy, String decision, String id, String reason) {}

  /**
   * A credential the case obtained: which, until when, which calls presented it, how it ended.
   *
   * @param usedBy the calls that presented it, as {@code +offset ms name}
   * @param ended its teardowns, as {@code kind at +offset ms}; empty when none was recorded
   */
  public record Credential(
      String provider,
      String id,
      String version,
      String issuedAt,
      String expires,
      List<String> usedBy,
      List<String> ended) {}

  public record ToolCall(
      long offsetMillis, String name, String arguments, String result, String error) {}

  public static CaseReport of(CaseSpans c, List<CaseFinding> findings) {
    EvidenceSpan root = c.root().orElseThrow();
    long start = c.spans().get(0).startMicros();
    return new CaseReport(
        CaseSummary.of(c, findings),
        timeline(c.spans(), start),
        facts(
            root,
            "prompt",
            "custody.intent.prompt",
            "objective",
            "custody.intent.objective",
            "conversation",
            "gen_ai.conversation.id"),
        facts(
            root,
            "workload",
            "custody.workload.id",
            "source",
            "custody.workload.id.source",
            "principal",
            "custody.workload.principal",
            "credential expires",
            "custody.workload.credential.expires_at",
            "namespace",
            "custody.workload.kubernetes.namespace",
            "service account",
            "custody.workload.kubernetes.service_account"),
        facts(
            root,
            "end user",
            "enduser.id",
            "issuer",
            "custody.enduser.issuer",
            "source",
            "custody.enduser.source",
            "actor",
            "custody.enduser.actor",
            "client",
            "custody.enduser.client_id"),
        decisions(c.spans(), start),
        credentials(c.spans(), start),
        tools(c.spans(), start),
        facts(
            root,
            "ended by",
            "custody.authority.ended_by",
            "ends at",
            "custody.authority.ends_at",
            "unbounded by",
            "custody.authority.unbounded_by",
            "outstanding",
            "custody.credentials.outstanding"),
        findings);
  }

  /** The attributes named by {@code labelsAndKeys} (label, key, label, key...) that are set. */
  private static Map<String, String> facts(EvidenceSpan span, String... labelsAndKeys) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndKeys.length; i += 2) {
      String value = text(span, labelsAndKeys[i + 1]);
      if (value != null) {
        facts.put(labelsAndKeys[i], value);
      }
    }
    return facts;
  }

  private static List<Row> timeline(List<EvidenceSpan> spans, long start) {
    Set<String> ids = new HashSet<>();
    spans.forEach(span -> ids.add(span.spanId()));
    Map<String, List<EvidenceSpan>> children = new HashMap<>();
    List<EvidenceSpan> tops = new ArrayList<>();
    for (EvidenceSpan span : spans) {
      if (span.parentSpanId() != null && ids.contains(span.parentSpanId())) {
        children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>()).add(span);
      } else {
        tops.add(span);
      }
    }
    List<Row> rows = new ArrayList<>();
    tops.forEach(top -> addTree(rows, top, children, start, 0));
    return rows;
  }

  private static void addTree(
      List<Row> rows,
      EvidenceSpan span,
      Map<String, List<EvidenceSpan>> children,
      long start,
      int depth) {
    rows.add(
        new Row(
            (span.startMicros() - start) / 1000,
            span.durationMicros() / 1000,
            depth,
            span,
            TimelineDetails.of(span)));
    for (EvidenceSpan child : children.getOrDefault(span.spanId(), List.of())) {
      addTree(rows, child, children, start, depth + 1);
    }
  }

  private static List<Decision> decisions(List<EvidenceSpan> spans, long start) {
    List<Decision> decisions = new ArrayList<>();
    for (EvidenceSpan span : spans) {
      String decision = text(span, "custody.policy.decision");
      if (decision != null && text(span, "custody.policy.engine") != null) {
        decisions.add(
            new Decision(
                (span.startMicros() - start) / 1000,
                text(span, "custody.policy.engine"),
                text(span, "custody.policy.id"),
                decision,
                text(span, "custody.policy.decision_id"),
                text(span, "custody.policy.reason")));
      }
    }
    return decisions;
  }

  private static List<Credential> credentials(List<EvidenceSpan> spans, long start) {
    Map<String, Credential> byId = new LinkedHashMap<>();
    for (EvidenceSpan span : spans) {
      String id = text(span, "custody.credential.id");
      String provider = text(span, "custody.credential.provider");
      if (id == null || provider == null || text(span, "custody.teardown.kind") != null) {
        continue;
      }
      String expiresAt = text(span, "custody.credential.expires_at");
      String expiry = text(span, "custody.credential.expiry");
      byId.putIfAbsent(
          id,
          new Credential(
              provider,
              id,
              text(span, "custody.credential.version"),
              text(span, "custody.credential.issued_at"),
              expiresAt != null ? expiresAt : "none".equals(expiry) ? "never (static)" : null,
              new ArrayList<>(),
              new ArrayList<>()));
    }
    for (EvidenceSpan span : spans) {
      String offset = "+" + (span.startMicros() - start) / 1000 + " ms ";
      Credential used = byId.get(text(span, "custody.credential.used"));
      if (used != null) {
        String url = text(span, "url.full");
        used.usedBy().add(offset + span.name() + (url == null ? "" : " " + url));
      }
      String teardown = text(span, "custody.teardown.kind");
      Credential ended = teardown == null ? null : byId.get(text(span, "custody.credential.id"));
      if (ended != null) {
        ended
            .ended()
            .add(
                teardown
                    + " at "
                    + offset.trim()
                    + (span.statusCode() == null || !span.statusCode().equals("ERROR")
                        ? ""
                        : " (failed)"));
      }
    }
    return List.copyOf(byId.values());
  }

  private static List<ToolCall> tools(List<EvidenceSpan> spans, long start) {
    List<ToolCall> tools = new ArrayList<>();
    for (EvidenceSpan span : spans) {
      if (span.name().startsWith("execute_tool") || span.name().startsWith("tools/call")) {
        String error = "ERROR".equals(span.statusCode()) ? errorOf(span) : null;
        tools.add(
            new ToolCall(
                (span.startMicros() - start) / 1000,
                span.name(),
                text(span, "gen_ai.tool.call.arguments"),
                text(span, "gen_ai.tool.call.result"),
                error));
      }
    }
    return tools;
  }

  private static String errorOf(EvidenceSpan span) {
    String type = text(span, "error.type");
    String message = span.statusMessage();
    return type != null ? type : message != null ? message : "error";
  }
}
