package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID;

import dev.custody.bootstrap.SharedKeys;
import dev.custody.core.AgentInternals;
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
 * case when all the messages are of one, and opens its own otherwise. A case root whose message
 * came from no case opens its own too, and its context keeps that message's consumer span: the
 * chain of cases is cut there. So does a case root on work another agent handed over (an A2A task)
 * without a case id, whose context keeps the span current where the work arrived.
 */
public final class UpstreamCases {

  private static final ContextKey<UpstreamCases> KEY = ContextKey.named("custody-upstream-cases");

  /** Shared: the extension reads it where the root span starts. */
  @SuppressWarnings("unchecked")
  private static final ContextKey<Span> CUT_AT =
      (ContextKey<Span>) SharedKeys.key("custody.cut-chain.message", ContextKey::named);

  private static final ContextKey<Boolean> HANDED_OFF = ContextKey.named("custody-handed-off");

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

  /** {@code context} marked as running work another agent handed over. */
  static Context handedOff(Context context) {
    return context.with(HANDED_OFF, Boolean.TRUE);
  }

  /**
   * The context a case root starts in: the one upstream case when there is exactly one and the
   * context has none of its own; when neither the context nor the message it processes (or the work
   * handed over) brought a case, the context marked with the message's consumer span (the span
   * current where the work arrived) ({@link #cutAt}).
   */
  static Context adopt(Context context) {
    if (CaseIds.fromContext(context) != null) {
      return context;
    }
    UpstreamCases upstream = context.get(KEY);
    if (upstream == null || upstream.caseIds.isEmpty()) {
      Span message = AgentInternals.consumerProcessSpan(context);
      if (message == null && context.get(HANDED_OFF) != null) {
        message = Span.fromContext(context);
      }
      return message == null ? context : context.with(CUT_AT, message);
    }
    return upstream.caseIds.size() == 1
        ? CaseIds.inCase(context, upstream.caseIds.get(0))
        : context;
  }

  /**
   * The consumer span of the message that brought the case root of {@code context} its work from no
   * case (for work another agent handed over, the span current where it arrived), or null when the
   * root continues a case, names its upstream cases or took no message.
   */
  public static Span cutAt(Context context) {
    return context.get(CUT_AT);
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
