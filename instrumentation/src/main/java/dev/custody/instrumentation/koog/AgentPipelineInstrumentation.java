package dev.custody.instrumentation.koog;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import ai.koog.agents.core.agent.AIAgent;
import ai.koog.agents.core.agent.context.AIAgentContext;
import ai.koog.prompt.Prompt;
import ai.koog.prompt.llm.LLModel;
import ai.koog.prompt.message.Message;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code AIAgentPipelineImpl}, through which Koog announces what an agent run does to its features
 * (every agent, graph or functional, ends up here): the run's start and end, each LLM call and each
 * tool call. Its methods are suspend functions: a resumption calls one again with null arguments,
 * which the helpers ignore, as they do an event they already saw.
 */
public final class AgentPipelineInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("ai.koog.agents.core.feature.pipeline.AIAgentPipelineImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String advice = getClass().getName();
    transformer.applyAdviceToMethod(named("onAgentStarting"), advice + "$AgentStartingAdvice");
    transformer.applyAdviceToMethod(named("onAgentCompleted"), advice + "$AgentCompletedAdvice");
    transformer.applyAdviceToMethod(
        named("onAgentExecutionFailed").and(takesArgument(5, Throwable.class)),
        advice + "$AgentFailedAdvice");
    transformer.applyAdviceToMethod(named("onLLMCallStarting"), advice + "$LlmStartingAdvice");
    transformer.applyAdviceToMethod(named("onLLMCallCompleted"), advice + "$LlmCompletedAdvice");
    transformer.applyAdviceToMethod(
        named("onLLMCallFailed").and(takesArgument(7, Throwable.class)),
        advice + "$LlmFailedAdvice");
    transformer.applyAdviceToMethod(named("onToolCallStarting"), advice + "$ToolStartingAdvice");
    transformer.applyAdviceToMethod(named("onToolCallCompleted"), advice + "$ToolCompletedAdvice");
    transformer.applyAdviceToMethod(
        named("onToolCallFailed").or(named("onToolValidationFailed")),
        advice + "$ToolFailedAdvice");
  }

  @SuppressWarnings("unused")
  public static final class AgentStartingAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(2) AIAgent<?, ?> agent, @Advice.Argument(3) AIAgentContext context) {
      KoogRuns.starting(agent, context);
    }
  }

  @SuppressWarnings("unused")
  public static final class AgentCompletedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(3) AIAgentContext context) {
      KoogRuns.ended(context, null);
    }
  }

  @SuppressWarnings("unused")
  public static final class AgentFailedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(3) AIAgentContext context, @Advice.Argument(5) Throwable error) {
      KoogRuns.ended(context, error);
    }
  }

  @SuppressWarnings("unused")
  public static final class LlmStartingAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId,
        @Advice.Argument(2) AIAgentContext context,
        @Advice.Argument(4) Prompt prompt,
        @Advice.Argument(5) LLModel model) {
      KoogModelTurns.starting(eventId, context, prompt, model);
    }
  }

  @SuppressWarnings("unused")
  public static final class LlmCompletedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId, @Advice.Argument(7) Message.Assistant response) {
      KoogModelTurns.ended(eventId, response, null);
    }
  }

  @SuppressWarnings("unused")
  public static final class LlmFailedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId, @Advice.Argument(7) Throwable error) {
      KoogModelTurns.ended(eventId, null, error);
    }
  }

  @SuppressWarnings("unused")
  public static final class ToolStartingAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId,
        @Advice.Argument(2) AIAgentContext context,
        @Advice.Argument(4) String callId,
        @Advice.Argument(5) String tool,
        @Advice.Argument(7) Object arguments) {
      KoogToolCalls.starting(eventId, context, callId, tool, arguments);
    }
  }

  @SuppressWarnings("unused")
  public static final class ToolCompletedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId, @Advice.Argument(8) Object result) {
      KoogToolCalls.completed(eventId, result);
    }
  }

  @SuppressWarnings("unused")
  public static final class ToolFailedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(0) String eventId,
        @Advice.Argument(2) AIAgentContext context,
        @Advice.Argument(4) String callId,
        @Advice.Argument(5) String tool,
        @Advice.Argument(7) Object arguments,
        @Advice.Argument(8) String message) {
      KoogToolCalls.failed(eventId, context, callId, tool, arguments, message);
    }
  }
}
