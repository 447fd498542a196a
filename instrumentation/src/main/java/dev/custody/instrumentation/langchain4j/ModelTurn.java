package dev.custody.instrumentation.langchain4j;

import dev.custody.core.AgentInternals;
import dev.custody.core.genai.ModelCalls;
import dev.custody.core.genai.ModelRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.javaagent.bootstrap.CallDepth;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real call of a chat model: a {@code chat {model}} span from the model implementation's {@code
 * doChat} until its answer, current while {@code doChat} runs so the HTTP call is inside it. A
 * model that wraps another is one turn: only the outermost {@code doChat} on a thread counts.
 */
public final class ModelTurn {

  private static final ModelCalls MODEL_CALLS =
      new ModelCalls(LangChain4jCalls.INSTRUMENTATION_NAME);

  /**
   * Streamed turns by the handler their model reports to; weak, so an answer that never comes
   * leaves nothing.
   */
  private static final AgentInternals.Cache<Object, ModelTurn> STREAMED =
      AgentInternals.weakCache();

  private final Context context;
  private final ModelRequest request;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private Scope scope;

  private ModelTurn(Context context, ModelRequest request) {
    this.context = context;
    this.request = request;
  }

  /** A synchronous call: {@code ChatModel.doChat(ChatRequest)} entry; null when not traced. */
  public static ModelTurn startChat(ChatModel model, ChatRequest request) {
    if (CallDepth.forClass(ChatModel.class).getAndIncrement() > 0) {
      return null;
    }
    return start(model.provider(), request);
  }

  /** {@code ChatModel.doChat} exit: the answer or the failure. */
  public static void endChat(ModelTurn turn, ChatResponse response, Throwable error) {
    if (CallDepth.forClass(ChatModel.class).decrementAndGet() > 0 || turn == null) {
      return;
    }
    turn.scope.close();
    turn.end(response, error);
  }

  /**
   * A streamed call: {@code StreamingChatModel.doChat(ChatRequest, handler)} entry. The model
   * reports the answer to {@code handler}, usually on another thread, after {@code doChat}
   * returned.
   */
  public static ModelTurn startStreamedChat(
      StreamingChatModel model, ChatRequest request, Object handler) {
    if (CallDepth.forClass(StreamingChatModel.class).getAndIncrement() > 0) {
      return null;
    }
    ModelTurn turn = start(model.provider(), request);
    if (turn != null) {
      STREAMED.put(handler, turn);
    }
    return turn;
  }

  /** {@code StreamingChatModel.doChat} exit: the request is on its way, unless the call threw. */
  public static void leaveStreamedChat(ModelTurn turn, Throwable error) {
    if (CallDepth.forClass(StreamingChatModel.class).decrementAndGet() > 0 || turn == null) {
      return;
    }
    turn.scope.close();
    if (error != null) {
      turn.end(null, error);
    }
  }

  /**
   * A handler heard of one complete tool call while the answer streams on (1.19 may start the tool
   * now).
   */
  public static void streamedToolCall(Object handler, ToolExecutionRequest call) {
    ModelTurn turn = STREAMED.get(handler);
    if (turn != null) {
      MODEL_CALLS.toolCallRequested(turn.context, call.id());
    }
  }

  /** A handler heard the answer (or the error): ends the turn it reports, if any, once. */
  public static void streamedAnswer(Object handler, ChatResponse response, Throwable error) {
    ModelTurn turn = STREAMED.get(handler);
    if (turn != null) {
      STREAMED.remove(handler);
      turn.end(response, error);
    }
  }

  private static ModelTurn start(ModelProvider provider, ChatRequest chatRequest) {
    ModelRequest request =
        ChatMessages.request(
            ChatMessages.providerName(provider == null ? "OTHER" : provider.name()), chatRequest);
    Context context = MODEL_CALLS.start(Context.current(), request);
    if (context == null) {
      return null;
    }
    ModelTurn turn = new ModelTurn(context, request);
    turn.scope = context.makeCurrent();
    return turn;
  }

  private void end(ChatResponse response, Throwable error) {
    if (open.compareAndSet(true, false)) {
      MODEL_CALLS.end(
          context, request, response == null ? null : ChatMessages.response(response), error);
    }
  }
}
