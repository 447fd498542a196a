package dev.custody.instrumentation.anthropic;

import dev.custody.core.cases.ToolLoop;
import dev.custody.core.genai.ModelRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One {@code messages.create} call: the context it was made in, the tool loop it belongs to (or
 * null) and, when the SDK does not trace the call itself, our {@code chat} span (else null).
 */
final class AnthropicCall {

  final Context caller = Context.current();
  final ToolLoop loop;
  final ModelRequest request;
  final Context chat;
  private Scope scope;

  /** {@code chat}, when not null, is made current until {@link #leave}. */
  AnthropicCall(ToolLoop loop, ModelRequest request, Context chat) {
    this.loop = loop;
    this.request = request;
    this.chat = chat;
    this.scope = chat == null ? null : chat.makeCurrent();
  }

  /**
   * Leaves the chat span's context on the calling thread; the span itself may end later, elsewhere.
   */
  void leave() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }
}
