package dev.custody.instrumentation.koog;

import ai.koog.agents.core.agent.AIAgent;
import ai.koog.agents.core.agent.context.AIAgentContext;
import ai.koog.prompt.Prompt;
import ai.koog.prompt.llm.LLModel;
import ai.koog.prompt.message.Message;

/**
 * The events of Koog 1.1's agent pipeline, by the pipeline method that announces each and the
 * positions of its arguments. The methods are suspend functions: a resumption calls one again with
 * null arguments, which the helpers ignore, as they do an event they already saw.
 */
public final class KoogPipelineEvents {

  static final String[] EVENTS = {
    "onAgentStarting",
    "onAgentCompleted",
    "onAgentExecutionFailed",
    "onLLMCallStarting",
    "onLLMCallCompleted",
    "onLLMCallFailed",
    "onToolCallStarting",
    "onToolCallCompleted",
    "onToolCallFailed",
    "onToolValidationFailed"
  };

  private KoogPipelineEvents() {}

  /** The pipeline method {@code event} was called with {@code a}. */
  public static void on(String event, Object[] a) {
    switch (event) {
      case "onAgentStarting" -> KoogRuns.starting((AIAgent<?, ?>) a[2], (AIAgentContext) a[3]);
      case "onAgentCompleted" -> KoogRuns.ended((AIAgentContext) a[3], null);
      case "onAgentExecutionFailed" -> KoogRuns.ended((AIAgentContext) a[3], (Throwable) a[5]);
      case "onLLMCallStarting" ->
          KoogModelTurns.starting(
              (String) a[0], (AIAgentContext) a[2], (Prompt) a[4], (LLModel) a[5]);
      case "onLLMCallCompleted" ->
          KoogModelTurns.ended((String) a[0], (Message.Assistant) a[7], null);
      case "onLLMCallFailed" -> KoogModelTurns.ended((String) a[0], null, (Throwable) a[7]);
      case "onToolCallStarting" ->
          KoogToolCalls.starting(
              (String) a[0], (AIAgentContext) a[2], (String) a[4], (String) a[5], a[7]);
      case "onToolCallCompleted" -> KoogToolCalls.completed((String) a[0], a[8]);
      case "onToolCallFailed", "onToolValidationFailed" ->
          KoogToolCalls.failed(
              (String) a[0],
              (AIAgentContext) a[2],
              (String) a[4],
              (String) a[5],
              a[7],
              (String) a[8]);
      default -> {
        // Not an event Custody records.
      }
    }
  }
}
