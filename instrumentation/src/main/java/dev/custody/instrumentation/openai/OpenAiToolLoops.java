package dev.custody.instrumentation.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.custody.core.cases.ToolLoop;
import dev.custody.core.cases.ToolLoopCases;
import dev.custody.core.genai.GenAiMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Puts the chat completion calls of an application that runs its tools itself into tool loops
 * ({@link ToolLoopCases}). The client a builder returns (the agent's traced proxy when its OpenAI
 * instrumentation is on) is wrapped once more, outside it, so that a loop's root encloses the
 * agent's {@code chat} spans.
 */
public final class OpenAiToolLoops implements InvocationHandler {

  private static final ToolLoopCases LOOPS =
      new ToolLoopCases("dev.custody.openai-java", "com.openai.", "openai");

  /**
   * The services on the way from a client to its chat completions, wrapped as they are handed out.
   */
  private static final Set<String> CHAT_SERVICES =
      Set.of(
          "com.openai.services.blocking.ChatService",
          "com.openai.services.blocking.chat.ChatCompletionService",
          "com.openai.services.async.ChatServiceAsync",
          "com.openai.services.async.chat.ChatCompletionServiceAsync");

  private final Object delegate;

  private OpenAiToolLoops(Object delegate) {
    this.delegate = delegate;
  }

  /** The client a builder built, wrapped. */
  public static Object wrapClient(Object client) {
    if (client instanceof OpenAIClient) {
      return wrap(client, OpenAIClient.class);
    }
    if (client instanceof OpenAIClientAsync) {
      return wrap(client, OpenAIClientAsync.class);
    }
    return client;
  }

  private static Object wrap(Object service, Class<?> type) {
    return Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new OpenAiToolLoops(service));
  }

  /**
   * The application's call, made here and nowhere else, so that nothing of ours stands between it
   * and its result: what we record before and after it is dropped when it fails.
   */
  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    boolean completion = isChatCompletion(method, args);
    ToolLoop loop = completion ? beforeCall((ChatCompletionCreateParams) args[0]) : null;
    Object result;
    try (Scope ignored = completion ? markCaller() : Scope.noop()) {
      result = method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      afterCall(loop, List.of(), e.getCause());
      throw e.getCause();
    }
    return afterReturn(method, loop, result);
  }

  /** A chat completion call: blocking, asynchronous or streamed. */
  private static boolean isChatCompletion(Method method, Object[] args) {
    try {
      return args != null
          && args.length > 0
          && args[0] instanceof ChatCompletionCreateParams
          && (method.getName().equals("create")
              || method.getName().equals("createStreaming")
                  && method.getReturnType() == StreamResponse.class);
    } catch (Throwable ours) {
      return false;
    }
  }

  /** The loop the call belongs to; null when it belongs to none, or when ours fails. */
  private static ToolLoop beforeCall(ChatCompletionCreateParams params) {
    try {
      return LOOPS.beforeModelCall(ChatCompletionsJson.toolLoopRequest(params));
    } catch (Throwable ours) {
      return null;
    }
  }

  /** Marks the caller's span, so that the agent's chat span is told apart inside the call. */
  private static Scope markCaller() {
    try {
      return OpenAiChatSpans.markCaller();
    } catch (Throwable ours) {
      return Scope.noop();
    }
  }

  /**
   * What the application gets: the result, wrapped to follow the loop where it can be, else as it
   * is.
   */
  @SuppressWarnings("unchecked")
  private static Object afterReturn(Method method, ToolLoop loop, Object result) {
    try {
      if (method.getParameterCount() == 0
          && CHAT_SERVICES.contains(method.getReturnType().getName())) {
        return wrap(result, method.getReturnType());
      }
      if (loop == null) {
        return result;
      }
      if (result instanceof CompletableFuture<?> future) {
        // A dependent future, so that the loop has the answer before any callback of the
        // application sees it.
        return future.whenComplete((completion, error) -> afterAnswer(loop, completion, error));
      }
      if (method.getName().equals("createStreaming")) {
        StreamedToolCalls requested = new StreamedToolCalls(Span.getInvalid());
        return new ObservedStreamResponse(
            (StreamResponse<ChatCompletionChunk>) result,
            requested,
            () -> afterCall(loop, requested.calls(), null));
      }
      afterAnswer(loop, result, null);
      return result;
    } catch (Throwable ours) {
      return result;
    }
  }

  private static void afterAnswer(ToolLoop loop, Object completion, Throwable error) {
    try {
      afterCall(
          loop,
          error == null ? ChatCompletionsJson.requestedToolCalls(completion) : List.of(),
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error);
    } catch (Throwable ours) {
      // Never the application's failure.
    }
  }

  private static void afterCall(ToolLoop loop, List<GenAiMessage.Part> requested, Throwable error) {
    try {
      if (loop != null) {
        LOOPS.afterModelCall(loop, requested, error);
      }
    } catch (Throwable ours) {
      // Never the application's failure.
    }
  }
}
