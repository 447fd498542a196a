package dev.custody.instrumentation.googleadk;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Google ADK for Java (1.8+), whose own spans ({@code invocation}, {@code invoke_agent}, {@code
 * call_llm}, {@code execute_tool}) are kept as they are, with no span of Custody's for the same
 * operation. A runner's task opens a case before ADK's first span, so that every span of the task
 * carries the case id; ADK's first {@code invoke_agent} span becomes the case root (not a second
 * {@code invoke_agent} around it, and not the runner's {@code invocation} span, which is ADK's
 * bookkeeping rather than an agent: the case root is where the agent's intent and verdicts are);
 * tool spans get the current call-id key and their errors. The content ADK writes in {@code
 * gcp.vertex.agent.*} is held to the content policy on its way out (the exporter's {@code
 * ForeignContent}), where every exporter gets it, as ADK sets it through the API.
 */
public final class GoogleAdkInstrumentationModule extends InstrumentationModule {

  public GoogleAdkInstrumentationModule() {
    super("custody-google-adk", "custody-google-adk-1", "custody");
  }

  /** 1.x with the telemetry scopes that start ADK's agent and tool spans. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.google.adk.runner.Runner",
        "com.google.adk.telemetry.Instrumentation$AgentInvocation",
        "com.google.adk.telemetry.Instrumentation$ToolExecution");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new RunnerInstrumentation(),
        new TelemetryScopeStartInstrumentation(),
        new TelemetryScopeInstrumentation(),
        new FunctionToolInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.googleadk.GoogleAdkCalls",
        "dev.custody.instrumentation.googleadk.CaseFlowable");
  }
}
