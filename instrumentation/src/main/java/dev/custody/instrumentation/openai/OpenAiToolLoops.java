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

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getParameterCount() == 0
        && CHAT_SERVICES.contains(method.getReturnType().getName())) {
      return wrap(call(method, args), method.getReturnType());
    }
    if (args != null && args.length > 0 && args[0] instanceof ChatCompletionCreateParams params) {
      switch (method.getName()) {
        case "create":
          return method.getReturnType() == CompletableFuture.class
              ? createAsync(params, method, args)
              : create(params, method, args);
        case "createStreaming":
          if (method.getReturnType() == StreamResponse.class) {
            return createStreaming(params, method, args);
          }
          break;
        default:
          break;
      }
    }
    return call(method, args);
  }

  private Object create(ChatCompletionCreateParams params, Method method, Object[] args)
      throws Throwable {
    ToolLoop loop = beforeCall(params);
    Object completion;
    try {
      completion = callMarked(method, args);
    } catch (Throwable error) {
      afterCall(loop, List.of(), error);
      throw error;
    }
    afterCall(loop, ChatCompletionsJson.requestedToolCalls(completion), null);
    return completion;
  }

  private Object createAsync(ChatCompletionCreateParams params, Method method, Object[] args)
      throws Throwable {
    ToolLoop loop = beforeCall(params);
    CompletableFuture<?> future;
    try {
      future = (CompletableFuture<?>) callMarked(method, args);
    } catch (Throwable error) {
      afterCall(loop, List.of(), error);
      throw error;
    }
    if (loop == null) {
      return future;
    }
    // A dependent future, so that the loop has the answer before any callback of the application
    // sees it.
    return future.whenComplete(
        (completion, error) ->
            afterCall(
                loop,
                error == null ? ChatCompletionsJson.requestedToolCalls(completion) : List.of(),
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error));
  }

  @SuppressWarnings("unchecked")
  private Object createStreaming(ChatCompletionCreateParams params, Method method, Object[] args)
      throws Throwable {
    ToolLoop loop = beforeCall(params);
    StreamResponse<ChatCompletionChunk> stream;
    try {
      stream = (StreamResponse<ChatCompletionChunk>) callMarked(method, args);
    } catch (Throwable error) {
      afterCall(loop, List.of(), error);
      throw error;
    }
    if (loop == null) {
      return stream;
    }
    StreamedToolCalls requested = new StreamedToolCalls(Span.getInvalid());
    return new ObservedStreamResponse(
        stream, requested, () -> afterCall(loop, requested.calls(), null));
  }

  private static ToolLoop beforeCall(ChatCompletionCreateParams params) {
    try {
      return LOOPS.beforeModelCall(ChatCompletionsJson.toolLoopRequest(params));
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static void afterCall(ToolLoop loop, List<GenAiMessage.Part> requested, Throwable error) {
    try {
      LOOPS.afterModelCall(loop, requested, error);
    } catch (RuntimeException | LinkageError e) {
      // Never the application's failure.
    }
  }

  /**
   * Calls the delegate with the caller's span marked, so that the agent's chat span is told apart
   * inside.
   */
  private Object callMarked(Method method, Object[] args) throws Throwable {
    try (Scope ignored = OpenAiChatSpans.markCaller()) {
      return call(method, args);
    }
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
