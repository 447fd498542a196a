package dev.custody.core.cases;

import dev.custody.bootstrap.YieldingScopes;
import dev.custody.core.genai.GenAiMessage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.List;
import java.util.Optional;

/**
 * Case roots for applications that call a model SDK themselves and run the tools it asks for: no
 * framework says where such a task starts or ends, so its model calls do. The first model call made
 * while no case is open opens an {@code invoke_agent} root. The root stays current on that thread
 * while the application runs the requested tools (their HTTP calls and queries land in the case)
 * and sends the results back: calls answering its tool calls continue it. It ends with the first
 * answer that asks for no tool, or with the first model call that fails. A root whose tool calls
 * are never answered ends as an error when its thread starts another task, or when the scope it was
 * opened in closes (the server request or job around it ends). One instance per instrumented
 * library.
 *
 * <p>The agent name is the simple name of the application class that made the first call, the
 * objective its {@code Class.method}, until the request's system message says more.
 */
public final class ToolLoopCases {

  private static final ContextKey<ToolLoop> KEY = ContextKey.named("custody-tool-loop");

  /** Frames that are not the application's: the JDK, Kotlin, the agent and Custody's own code. */
  private static final List<String> NOT_APPLICATION =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "io.opentelemetry.",
          "dev.custody.bootstrap.",
          "dev.custody.core.",
          "dev.custody.exporter.",
          "dev.custody.extension.",
          "dev.custody.instrumentation.");

  private final AgentCases cases;
  private final String libraryPackage;
  private final String fallbackAgentName;

  /**
   * @param libraryPackage the SDK's package prefix, e.g. {@code com.openai.}: its frames are not
   *     the application's
   * @param fallbackAgentName the agent name when no application frame calls the SDK
   */
  public ToolLoopCases(
      String instrumentationName, String libraryPackage, String fallbackAgentName) {
    this.cases = new AgentCases(instrumentationName);
    this.libraryPackage = libraryPackage;
    this.fallbackAgentName = fallbackAgentName;
  }

  /**
   * Before a model call: the loop the call belongs to, which this call opens (and makes current)
   * when no case is open; null when the call runs in a case someone else opened, or tracing is
   * suppressed.
   */
  public ToolLoop beforeModelCall(ToolLoopRequest request) {
    ToolLoop open = Context.current().get(KEY);
    if (open != null) {
      if (open.isContinuedBy(request.answeredCallIds())) {
        return open;
      }
      if (!open.makeWayForNextTask()) {
        return null;
      }
    }
    // Nothing may stay current between calls unless enclosing scopes can make it give way.
    if (CaseIds.fromContext(Context.current()) != null || !YieldingScopes.enforced()) {
      return null;
    }
    return open(request);
  }

  /**
   * After a model call of {@code loop} (null: nothing to do): its answer asked for the tool calls
   * {@code requested} (none ends the loop), or the call failed with {@code error}, which ends the
   * loop.
   */
  public void afterModelCall(ToolLoop loop, List<GenAiMessage.Part> requested, Throwable error) {
    if (loop == null) {
      return;
    }
    if (error != null || requested.isEmpty()) {
      loop.end(error);
    } else {
      loop.requested(requested);
    }
  }

  private ToolLoop open(ToolLoopRequest request) {
    Optional<StackWalker.StackFrame> caller =
        StackWalker.getInstance().walk(frames -> frames.filter(this::isApplication).findFirst());
    String agentName =
        caller.map(frame -> simpleName(frame.getClassName())).orElse(fallbackAgentName);
    String objective = caller.map(frame -> agentName + "." + methodName(frame)).orElse(agentName);
    AgentInvocation invocation = cases.start(agentName, objective);
    if (invocation == null) {
      return null;
    }
    // The loop keeps its own scope, with itself in the context, for as long as it runs.
    invocation.releaseScope();
    invocation.recordIntent(request.prompt(), request.systemMessage());
    ToolLoop loop = new ToolLoop(cases, invocation, KEY);
    loop.enter();
    return loop;
  }

  private boolean isApplication(StackWalker.StackFrame frame) {
    String className = frame.getClassName();
    return !className.startsWith(libraryPackage)
        && NOT_APPLICATION.stream().noneMatch(className::startsWith)
        && !className.contains("$Proxy");
  }

  /** {@code com.example.SupportBot$Inner} → {@code SupportBot}. */
  private static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int nested = name.indexOf('$');
    return nested > 0 ? name.substring(0, nested) : name;
  }

  /**
   * The method, or for a lambda the method that declares it: {@code lambda$main$0} → {@code main}.
   */
  private static String methodName(StackWalker.StackFrame frame) {
    String name = frame.getMethodName();
    if (name.startsWith("lambda$")) {
      int end = name.indexOf('$', "lambda$".length());
      return end > 0 ? name.substring("lambda$".length(), end) : name;
    }
    return name;
  }
}
