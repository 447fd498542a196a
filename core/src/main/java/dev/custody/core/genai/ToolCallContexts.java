package dev.custody.core.genai;

import dev.custody.bootstrap.PolicyTally;
import dev.custody.bootstrap.SharedKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Which tool call a context is inside, so what happens further down counts for it: a policy
 * decision the tool asked for (the tool call's decisions, read when it ends), work the tool handed
 * to another agent (recorded on its span). The keys are JVM-wide: the tool runs where the framework
 * is loaded, the decision may be seen where the HTTP client is.
 */
public final class ToolCallContexts {

  @SuppressWarnings("unchecked")
  private static final ContextKey<PolicyTally> DECISIONS =
      (ContextKey<PolicyTally>) SharedKeys.key("custody.tool-call.decisions", ContextKey::named);

  @SuppressWarnings("unchecked")
  private static final ContextKey<Span> SPAN =
      (ContextKey<Span>) SharedKeys.key("custody.tool-call.span", ContextKey::named);

  private ToolCallContexts() {}

  /** The tool call's context, marked as the tool call's. */
  static Context mark(Context toolCall) {
    return toolCall.with(DECISIONS, new PolicyTally()).with(SPAN, Span.fromContext(toolCall));
  }

  /** The span of the innermost tool call {@code context} is inside; null when none. */
  public static Span spanOf(Context context) {
    return context.get(SPAN);
  }

  /** The decisions of the innermost tool call {@code context} is inside; null when none. */
  public static PolicyTally decisionsOf(Context context) {
    return context.get(DECISIONS);
  }
}
