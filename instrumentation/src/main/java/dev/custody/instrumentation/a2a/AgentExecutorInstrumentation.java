package dev.custody.instrumentation.a2a;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.custody.core.cases.AgentInvocation;
import io.a2a.server.agentexecution.RequestContext;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code AgentExecutor.execute(RequestContext, AgentEmitter)} of every agent a server runs. */
public final class AgentExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("io.a2a.server.agentexecution.AgentExecutor"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("execute")
            .and(not(isAbstract()))
            .and(takesArgument(0, named("io.a2a.server.agentexecution.RequestContext"))),
        getClass().getName() + "$ExecuteAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ExecuteAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AgentInvocation enter(
        @Advice.This Object executor, @Advice.Argument(0) RequestContext request) {
      return A2aTasks.start(executor, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter AgentInvocation invocation, @Advice.Thrown Throwable error) {
      A2aTasks.end(invocation, error);
    }
  }
}
