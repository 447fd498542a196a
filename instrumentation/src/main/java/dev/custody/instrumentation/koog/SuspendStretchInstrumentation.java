package dev.custody.instrumentation.koog;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import ai.koog.agents.core.agent.context.AIAgentContext;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ContextualPromptExecutor.execute} and {@code ContextualAgentEnvironment.executeTool}, the
 * suspend functions in which Koog announces a model or tool call and makes it. Each stretch of them
 * runs with the call in progress current ({@link SuspendWindows}), and the call's coroutines carry
 * it wherever they resume ({@link RunContinuation}, handed in place of the caller's continuation,
 * the last argument), so what they start (the model's HTTP request, the tool's work) is inside the
 * call's span.
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
    transformer.applyAdviceToMethod(
        namedOneOf("execute", "executeTool"), getClass().getName() + "$StretchAdvice");
  }

  @SuppressWarnings("unused")
  public static final class StretchAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SuspendWindows.Window enter(
        @Advice.Origin("#t") String type,
        @Advice.FieldValue("context") AIAgentContext context,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object[] arguments) {
      arguments = KoogRuns.withContinuation(arguments, type, context);
      return KoogRuns.entering(context);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter SuspendWindows.Window window) {
      SuspendWindows.exit(window);
    }
  }
}
