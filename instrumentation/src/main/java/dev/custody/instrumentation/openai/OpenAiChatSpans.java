package dev.custody.instrumentation.openai;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.custody.core.genai.RequestedToolCalls;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;

/**
 * Records the tool calls each answer asks for on the agent's own {@code chat} span, from inside the
 * chat completion service, which runs within that span. The span is told apart from the caller's by
 * a mark {@link OpenAiToolLoops} leaves around each call of a client it wrapped: without it (a
 * client built another way, {@code withOptions}) the agent traced nothing either.
 */
public final class OpenAiChatSpans {

  /**
   * The span current when a wrapped client was called: any other span current inside is the agent's
   * chat span.
   */
  private static final ContextKey<Span> CALLER_SPAN =
      ContextKey.named("custody-openai-caller-span");

  private OpenAiChatSpans() {}

  /** Marks the current span as the caller's until the returned scope closes. */
  static Scope markCaller() {
    return Context.current().with(CALLER_SPAN, Span.current()).makeCurrent();
  }

  /**
   * The agent's chat span, when it is the current span inside a call of a wrapped client; else
   * null.
   */
  private static Span chatSpan() {
    Span caller = Context.current().get(CALLER_SPAN);
    Span current = Span.current();
    return caller != null && current != caller ? current : null;
  }

  /**
   * At the end of a chat completion: records the tool calls it asks for on the agent's chat span.
   */
  public static void completed(Object completion) {
    Span span = chatSpan();
    if (span != null && completion != null) {
      RequestedToolCalls.recordOn(span, ChatCompletionsJson.requestedToolCalls(completion));
    }
  }

  /**
   * For an asynchronous chat completion: the future the agent ends its chat span on, recording the
   * calls first.
   */
  public static CompletableFuture<?> completedAsync(CompletableFuture<?> future) {
    Span span = chatSpan();
    if (span == null || future == null) {
      return future;
    }
    return future.thenApply(
        completion -> {
          RequestedToolCalls.recordOn(span, ChatCompletionsJson.requestedToolCalls(completion));
          return completion;
        });
  }

  /**
   * For a streamed chat completion: the stream with each tool call recorded on the agent's chat
   * span as it arrives.
   */
  @SuppressWarnings("unchecked")
  public static Object streamed(Object stream) {
    Span span = chatSpan();
    if (span == null || !(stream instanceof StreamResponse)) {
      return stream;
    }
    return new ObservedStreamResponse(
        (StreamResponse<ChatCompletionChunk>) stream, new StreamedToolCalls(span), () -> {});
  }
}
