package dev.custody.instrumentation.openai;

import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.RequestedToolCalls;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tool calls a streamed answer asks for, gathered chunk by chunk: a call's id and name arrive
 * in the first delta of its index. They are recorded on {@code span} once, with the chunk that
 * gives the finish reason: the stream's end, which comes after it, also ends that span.
 */
final class StreamedToolCalls implements Consumer<ChatCompletionChunk> {

  private final Span span;
  private final Map<String, GenAiMessage.Part> calls = new LinkedHashMap<>();
  private boolean recorded;

  StreamedToolCalls(Span span) {
    this.span = span;
  }

  @Override
  public void accept(ChatCompletionChunk chunk) {
    try {
      gather(chunk);
    } catch (RuntimeException | LinkageError e) {
      // A chunk we cannot read still reaches the application.
    }
  }

  private synchronized void gather(ChatCompletionChunk chunk) {
    boolean finished = false;
    for (ChatCompletionChunk.Choice choice : chunk.choices()) {
      finished |= choice.finishReason().isPresent();
      for (ChatCompletionChunk.Choice.Delta.ToolCall call :
          choice.delta().toolCalls().orElse(List.of())) {
        if (call.id().isPresent()) {
          String name =
              call.function()
                  .flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::name)
                  .orElse(null);
          calls.putIfAbsent(
              choice.index() + "/" + call.index(),
              GenAiMessage.Part.toolCall(call.id().get(), name, null));
        }
      }
    }
    if (finished && !recorded && !calls.isEmpty()) {
      recorded = true;
      RequestedToolCalls.recordOn(span, calls());
    }
  }

  synchronized List<GenAiMessage.Part> calls() {
    return new ArrayList<>(calls.values());
  }
}
