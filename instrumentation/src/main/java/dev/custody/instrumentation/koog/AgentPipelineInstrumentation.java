package dev.custody.instrumentation.koog;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code AIAgentPipelineImpl}, through which Koog announces what an agent run does to its features
 * (every agent, graph or functional, ends up here): the run's start and end, each LLM call and each
 * tool call ({@link KoogPipelineEvents}).
 */
public final class AgentPipelineInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("ai.koog.agents.core.feature.pipeline.AIAgentPipelineImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        namedOneOf(KoogPipelineEvents.EVENTS), getClass().getName() + "$EventAdvice");
  }

  @SuppressWarnings("unused")
  public static final class EventAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Origin("#m") String event, @Advice.AllArguments Object[] arguments) {
      KoogPipelineEvents.on(event, arguments);
    }
  }
}
