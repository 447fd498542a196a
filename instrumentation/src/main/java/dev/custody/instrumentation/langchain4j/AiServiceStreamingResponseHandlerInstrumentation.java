package dev.custody.instrumentation.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.context.Scope;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One round of a streamed AI service call: the handler gets the model's answer on the HTTP client's
 * thread, runs the tools it asks for (1.19 with a tool executor: starts them as each tool call
 * completes) and sends the next model call, or hands the final answer to the caller. Each callback
 * runs in the invocation's context.
 */
public final class AiServiceStreamingResponseHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.service.AiServiceStreamingResponseHandler");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String advice = getClass().getName();
    transformer.applyAdviceToMethod(isConstructor(), advice + "$ConstructorAdvice");
    transformer.applyAdviceToMethod(
        named("onCompleteResponse")
            .and(takesArguments(1))
            .and(takesArgument(0, named("dev.langchain4j.model.chat.response.ChatResponse"))),
        advice + "$CompleteResponseAdvice");
    transformer.applyAdviceToMethod(
        named("onCompleteToolCall").and(takesArguments(1)), advice + "$CompleteToolCallAdvice");
    transformer.applyAdviceToMethod(
        named("onError").and(takesArguments(1)).and(takesArgument(0, Throwable.class)),
        advice + "$ErrorAdvice");
  }

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object handler) {
      StreamedInvocations.handlerCreated(handler);
    }
  }

  @SuppressWarnings("unused")
  public static class CompleteResponseAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(
        @Advice.This Object handler, @Advice.Argument(0) ChatResponse answer) {
      return StreamedInvocations.resumeOnAnswer(handler, answer);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope, @Advice.Thrown Throwable error) {
      StreamedInvocations.leave(scope, error);
    }
  }

  @SuppressWarnings("unused")
  public static class CompleteToolCallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object handler) {
      return StreamedInvocations.resume(handler);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      StreamedInvocations.leave(scope, null);
    }
  }

  @SuppressWarnings("unused")
  public static class ErrorAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object handler, @Advice.Argument(0) Throwable error) {
      return StreamedInvocations.resumeOnError(handler, error);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Scope scope) {
      StreamedInvocations.leave(scope, null);
    }
  }
}
