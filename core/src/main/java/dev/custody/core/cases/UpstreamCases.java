package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cases whose messages a consumer takes in one batch, as each message's context (its producer's
 * span and baggage) tells. A case root started while they are current links every producer span,
 * each link naming its case, and lists the cases in {@code custody.upstream.case_ids}; it keeps the
 * case when all the messages are of one, and opens its own otherwise.
 */
public final class UpstreamCases {

  private static final ContextKey<UpstreamCases> KEY = ContextKey.named("custody-upstream-cases");

  private final List<Context> messages;
  private final List<String> caseIds;

  private UpstreamCases(List<Context> messages, List<String> caseIds) {
    this.messages = messages;
    this.caseIds = caseIds;
  }

  /**
   * {@code context} with the upstream cases of {@code messages}, each the context extracted from
   * one message; {@code context} itself when none came from a case or a traced producer.
   */
  public static Context with(Context context, List<Context> messages) {
    List<Context> traced = new ArrayList<>();
    Set<String> caseIds = new LinkedHashSet<>();
    for (Context message : messages) {
      String caseId = CaseIds.fromContext(message);
      if (caseId != null) {
        caseIds.add(caseId);
      }
      if (caseId != null || Span.fromContext(message).getSpanContext().isValid()) {
        traced.add(message);
      }
    }
    return traced.isEmpty()
        ? context
        : context.with(KEY, new UpstreamCases(traced, List.copyOf(caseIds)));
  }

  /**
   * The context a case root starts in: the one upstream case when there is exactly one and the
   * context has none of its own.
   */
  static Context adopt(Context context) {
    UpstreamCases upstream = context.get(KEY);
    return upstream == null || upstream.caseIds.size() != 1 || CaseIds.fromContext(context) != null
        ? context
        : CaseIds.inCase(context, upstream.caseIds.get(0));
  }

  /** Links each producer span of the upstream cases in {@code context}, naming its case. */
  static void link(Context context, SpanLinksBuilder links) {
    UpstreamCases upstream = context.get(KEY);
    if (upstream == null) {
      return;
    }
    for (Context message : upstream.messages) {
      SpanContext producer = Span.fromContext(message).getSpanContext();
      String caseId = CaseIds.fromContext(message);
      if (producer.isValid()) {
        links.addLink(
            producer, caseId == null ? Attributes.empty() : Attributes.of(CASE_ID, caseId));
      }
    }
  }

  /**
   * The ids of the upstream cases in {@code context}, in the order their messages came; or null.
   */
  static List<String> caseIds(Context context) {
    UpstreamCases upstream = context.get(KEY);
    return upstream == null || upstream.caseIds.isEmpty() ? null : upstream.caseIds;
  }
}
