package dev.custody.instrumentation.googleadk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.reactivex.rxjava3.core.Flowable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Runner.runAsync(userId, sessionId, newMessage, runConfig, stateDelta)}, which every other
 * {@code runAsync} overload calls: the task's events run in a case ({@link CaseFlowable}).
 */
public final class RunnerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.adk.runner.Runner");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("runAsync")
            .and(takesArguments(5))
            .and(takesArgument(0, String.class))
            .and(takesArgument(4, named("java.util.Map"))),
        getClass().getName() + "$RunAsyncAdvice");
  }

  @SuppressWarnings("unused")
  public static final class RunAsyncAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Runner runner,
        @Advice.Return(readOnly = false) Flowable<Event> events,
        @Advice.Thrown Throwable error) {
      if (error == null) {
        events = GoogleAdkCalls.inCase(runner, events);
      }
    }
  }
}
