package dev.custody.instrumentation.koog;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ai.koog.agents.core.agent.context.AIAgentContext;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import kotlin.coroutines.Continuation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ContextualPromptExecutor.execute} and {@code ContextualAgentEnvironment.executeTool}, the
 * suspend functions in which Koog announces a model or tool call and makes it. Each stretch of them
 * runs with the call in progress current ({@link SuspendWindows}), and the call's coroutines carry
 * it wherever they resume ({@link RunContinuation}), so what they start (the model's HTTP request,
 * the tool's work) is inside the call's span.
 */
public final class SuspendStretchInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "ai.koog.agents.core.feature.ContextualPromptExecutor",
        "ai.koog.agents.core.environment.ContextualAgentEnvironment");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String advice = getClass().getName();
    transformer.applyAdviceToMethod(
        named("execute").and(takesArguments(4)), advice + "$ContinuationAt3Advice");
    transformer.applyAdviceToMethod(
        named("executeTool").and(takesArguments(2)), advice + "$ContinuationAt1Advice");
    transformer.applyAdviceToMethod(
        named("executeTool").and(takesArguments(3)), advice + "$ContinuationAt2Advice");
  }

  @SuppressWarnings("unused")
  public static final class ContinuationAt3Advice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SuspendWindows.Window enter(
        @Advice.Origin("#t") String type,
        @Advice.FieldValue("context") AIAgentContext context,
        @Advice.Argument(value = 3, readOnly = false) Continuation<?> completion) {
      completion = KoogRuns.continuation(completion, type, context);
      return KoogRuns.entering(context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter SuspendWindows.Window window) {
      SuspendWindows.exit(window);
    }
  }

  @SuppressWarnings("unused")
  public static final class ContinuationAt1Advice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SuspendWindows.Window enter(
        @Advice.Origin("#t") String type,
        @Advice.FieldValue("context") AIAgentContext context,
        @Advice.Argument(value = 1, readOnly = false) Continuation<?> completion) {
      completion = KoogRuns.continuation(completion, type, context);
      return KoogRuns.entering(context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter SuspendWindows.Window window) {
      SuspendWindows.exit(window);
    }
  }

  @SuppressWarnings("unused")
  public static final class ContinuationAt2Advice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SuspendWindows.Window enter(
        @Advice.Origin("#t") String type,
        @Advice.FieldValue("context") AIAgentContext context,
        @Advice.Argument(value = 2, readOnly = false) Continuation<?> completion) {
      completion = KoogRuns.continuation(completion, type, context);
      return KoogRuns.entering(context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter SuspendWindows.Window window) {
      SuspendWindows.exit(window);
    }
  }
}
