package dev.custody.core.genai;

import dev.custody.bootstrap.SharedKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Which tool call a context is inside, so what happens further down (a policy decision the tool
 * asked for) can be recorded on it. The key is JVM-wide: the tool runs where the framework is
 * loaded, the decision may be seen where the HTTP client is.
 */
public final class ToolCallContexts {

  @SuppressWarnings("unchecked")
  private static final ContextKey<Span> TOOL_CALL =
      (ContextKey<Span>) SharedKeys.key("custody.tool-call", ContextKey::named);

  private ToolCallContexts() {}

  /** The tool call's context, marked as the tool call's. */
  static Context mark(Context toolCall) {
    return toolCall.with(TOOL_CALL, Span.fromContext(toolCall));
  }

  /** The span of the innermost tool call {@code context} is inside; an invalid span when none. */
  public static Span toolCallOf(Context context) {
    Span toolCall = context.get(TOOL_CALL);
    return toolCall != null ? toolCall : Span.getInvalid();
  }
}
