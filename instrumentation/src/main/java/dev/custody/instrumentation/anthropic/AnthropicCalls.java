package dev.custody.instrumentation.anthropic;

import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.core.AgentInternals;
import dev.custody.core.CustodyAttributes;
import dev.custody.core.cases.ToolLoop;
import dev.custody.core.cases.ToolLoopCases;
import dev.custody.core.cases.ToolLoopRequest;
import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.ModelCalls;
import dev.custody.core.genai.ModelRequest;
import dev.custody.core.genai.RequestedToolCalls;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the Anthropic advice records. Since 2.72 the SDK traces each call itself (unless its client
 * turned that off): its span is decorated with the tool calls the answer asks for, and no second
 * one is started. Before, or with its spans off, each {@code messages.create} is our own {@code
 * chat} span. Either way the calls of an application that runs its tools itself are put in tool
 * loops ({@link ToolLoopCases}); the beta messages the SDK's own tool runner sends are left to it.
 */
public final class AnthropicCalls {

  private static final ToolLoopCases LOOPS =
      new ToolLoopCases("dev.custody.anthropic-java", "com.anthropic.", "anthropic");
  private static final ModelCalls MODEL_CALLS = new ModelCalls("dev.custody.anthropic-java");

  /** Whether a message service's client traces its calls, read once per service. */
  private static final AgentInternals.Cache<Object, Boolean> SDK_TRACES =
      AgentInternals.weakCache();

  private AnthropicCalls() {}

  /**
   * Before {@code messages.create}: the call's loop and, unless the SDK traces it, our chat span,
   * made current.
   */
  public static AnthropicCall start(Object service, Object params) {
    JsonNode body = MessagesJson.body((MessageCreateParams) params);
    ToolLoopRequest loopRequest = MessagesJson.toolLoopRequest(body);
    ModelRequest request =
        SDK_TRACES.computeIfAbsent(service, AnthropicCalls::tracesItself)
            ? null
            : MessagesJson.modelRequest(body);
    ToolLoop loop = LOOPS.beforeModelCall(loopRequest);
    return new AnthropicCall(
        loop, request, request == null ? null : MODEL_CALLS.start(Context.current(), request));
  }

  /**
   * After {@code messages.create} returned (the message, or from the asynchronous service the
   * future of one) or threw {@code error}: what the application gets.
   */
  public static Object end(AnthropicCall call, Object returned, Throwable error) {
    if (returned instanceof CompletableFuture<?> future) {
      return endAsync(call, future, error);
    }
    if (call != null) {
      call.leave();
      finish(call, returned, error);
    }
    return returned;
  }

  /**
   * After an asynchronous {@code messages.create}: the future the application gets. It completes
   * once we are done, in the caller's context, so that the application's callbacks continue its
   * loop rather than run inside the call's span, whose HTTP response completes the SDK's future.
   */
  private static CompletableFuture<?> endAsync(
      AnthropicCall call, CompletableFuture<?> future, Throwable error) {
    if (call == null) {
      return future;
    }
    call.leave();
    CompletableFuture<Object> result = new CompletableFuture<>();
    future.whenComplete(
        (message, failure) -> {
          finish(
              call, message, failure instanceof CompletionException ? failure.getCause() : failure);
          try (Scope ignored = call.caller.makeCurrent()) {
            if (failure != null) {
              result.completeExceptionally(failure);
            } else {
              result.complete(message);
            }
          }
        });
    return result;
  }

  private static void finish(AnthropicCall call, Object message, Throwable error) {
    try {
      JsonNode answer = message == null ? null : MessagesJson.message(message);
      if (call.chat != null) {
        MODEL_CALLS.end(
            call.chat,
            call.request,
            answer == null ? null : MessagesJson.modelResponse(answer),
            error);
      }
      LOOPS.afterModelCall(
          call.loop, answer == null ? List.of() : MessagesJson.requestedToolCalls(answer), error);
    } catch (RuntimeException | LinkageError e) {
      // Never the application's failure: an asynchronous call's future completes as it would
      // without us.
    }
  }

  /**
   * The SDK's own span of a call (2.72+) gets the answer: records on it the tool calls the answer
   * asks for. The span is the application's OpenTelemetry API object, reached by reflection.
   */
  public static void sdkSpanAnswered(Object apiCall, Object response)
      throws ReflectiveOperationException {
    if (!(response instanceof Message) && !(response instanceof BetaMessage)) {
      return;
    }
    List<GenAiMessage.Part> calls = MessagesJson.requestedToolCalls(MessagesJson.message(response));
    if (calls.isEmpty()) {
      return;
    }
    Method getSpan = apiCall.getClass().getMethod("getSpan");
    Object span = getSpan.invoke(apiCall);
    for (Method setAttribute : getSpan.getReturnType().getMethods()) {
      Class<?>[] parameters = setAttribute.getParameterTypes();
      if (setAttribute.getName().equals("setAttribute")
          && parameters.length == 2
          && parameters[1] == Object.class) {
        Object key =
            parameters[0]
                .getMethod("stringArrayKey", String.class)
                .invoke(null, CustodyAttributes.TOOL_CALLS_REQUESTED.getKey());
        setAttribute.invoke(span, key, RequestedToolCalls.labels(calls));
        return;
      }
    }
  }

  /**
   * True when the service's client starts a span for each call: the SDK has built-in tracing
   * (2.72+) and the client's {@code openTelemetry} options leave it on, as they do by default.
   */
  private static boolean tracesItself(Object service) {
    Class<?> serviceClass = service.getClass();
    try {
      Class.forName(
          "com.anthropic.core.opentelemetry.ApiCall", false, serviceClass.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    try {
      Field clientOptions = serviceClass.getDeclaredField("clientOptions");
      clientOptions.setAccessible(true);
      Object options = clientOptions.get(service);
      Object telemetry = options.getClass().getMethod("openTelemetry").invoke(options);
      Object traces = telemetry.getClass().getMethod("traces").invoke(telemetry);
      return (Boolean) traces.getClass().getMethod("enabled").invoke(traces);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Unreadable options: assume the default, on, rather than risk a second span for the call.
      return true;
    }
  }
}
