package dev.custody.instrumentation.googleadk;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ID;

import com.google.adk.agents.BaseAgent;
import com.google.adk.agents.Instruction;
import com.google.adk.agents.InvocationContext;
import com.google.adk.agents.LlmAgent;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.telemetry.Instrumentation;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionResponse;
import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AdoptedCases;
import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.reactivex.rxjava3.core.Flowable;
import java.lang.reflect.InvocationTargetException;

/**
 * What Custody adds to ADK's own spans. ADK makes its spans through the OpenTelemetry API, which
 * the agent bridges to its SDK: each is current, on the agent's side too, right after ADK starts
 * it, and is remembered here by ADK's telemetry scope until it closes.
 */
public final class GoogleAdkCalls {

  /** ADK's telemetry scope of a case root → the case's invocation. */
  private static final AgentInternals.Cache<Object, AgentInvocation> ROOTS =
      AgentInternals.weakCache();

  /** ADK's telemetry scope of a tool call → its span. */
  private static final AgentInternals.Cache<Object, Span> TOOLS = AgentInternals.weakCache();

  /** The spans of running tool calls. */
  private static final AgentInternals.Cache<Span, Boolean> TOOL_SPANS = AgentInternals.weakCache();

  private GoogleAdkCalls() {}

  /** The runner's events, run in a case named after its root agent. */
  public static <T> Flowable<T> inCase(Runner runner, Flowable<T> events) {
    BaseAgent agent = runner.agent();
    String objective = agent.description();
    return new CaseFlowable<>(
        events,
        agent.name(),
        objective == null || objective.isEmpty() ? "google-adk " + agent.name() : objective);
  }

  /** ADK's {@code invoke_agent} or {@code execute_tool} span started, and is current. */
  public static void started(Instrumentation.ClosableTelemetryScope scope) {
    if (scope instanceof Instrumentation.AgentInvocation agent) {
      agentStarted(agent);
    } else if (scope instanceof Instrumentation.ToolExecution) {
      Span span = Span.current();
      TOOLS.put(scope, span);
      TOOL_SPANS.put(span, Boolean.TRUE);
    }
  }

  /** The first agent span in a case awaiting its root becomes the root. */
  private static void agentStarted(Instrumentation.AgentInvocation scope) {
    AgentInvocation invocation = AdoptedCases.adoptRoot(Context.current(), Span.current());
    if (invocation == null) {
      return;
    }
    ROOTS.put(scope, invocation);
    InvocationContext context = scope.getCtx();
    invocation.recordIntent(
        context.userContent().map(Content::text).orElse(null), instruction(context.agent()));
  }

  /**
   * A function tool's method threw, inside its {@code execute_tool} span; ADK answers the model
   * with an error result and records nothing on the span.
   */
  public static void toolThrew(Throwable thrown) {
    Span span = Span.current();
    if (TOOL_SPANS.get(span) == null) {
      return;
    }
    Throwable cause =
        thrown instanceof InvocationTargetException && thrown.getCause() != null
            ? thrown.getCause()
            : thrown;
    span.setStatus(StatusCode.ERROR);
    span.setAttribute(ERROR_TYPE, cause.getClass().getName());
  }

  /** ADK's agent or tool span is about to end. */
  public static void ending(
      Instrumentation.ClosableTelemetryScope scope,
      Throwable error,
      Instrumentation.TelemetryContext telemetry) {
    AgentInvocation root = ROOTS.get(scope);
    if (root != null) {
      ROOTS.remove(scope);
      AdoptedCases.endRoot(root, error);
      return;
    }
    Span tool = TOOLS.get(scope);
    if (tool != null) {
      TOOLS.remove(scope);
      TOOL_SPANS.remove(tool);
      toolEnding(tool, error, telemetry.functionResponseEvent());
    }
  }

  /**
   * The call id under the current key (ADK writes the older {@code gen_ai.tool_call.id}), and the
   * error type of what the tool threw.
   */
  private static void toolEnding(Span span, Throwable error, Event response) {
    if (response != null) {
      response.functionResponses().stream()
          .findFirst()
          .flatMap(FunctionResponse::id)
          .ifPresent(id -> span.setAttribute(GEN_AI_TOOL_CALL_ID, id));
    }
    if (error != null) {
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
    }
  }

  /** The agent's instruction when it is fixed text (else it is made per call). */
  private static String instruction(BaseAgent agent) {
    return agent instanceof LlmAgent llm && llm.instruction() instanceof Instruction.Static fixed
        ? fixed.instruction()
        : null;
  }
}
