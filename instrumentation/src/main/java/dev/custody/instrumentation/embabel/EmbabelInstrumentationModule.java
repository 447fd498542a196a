package dev.custody.instrumentation.embabel;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Embabel 0.5: each run of an agent process as an {@code invoke_agent {agent}} (the case root, or a
 * sub-agent inside a case) whose objective is the goal the planner chose, each action it executes
 * as an {@code action {action}} span, and each tool call of its tool loop as an {@code
 * execute_tool}. Its model calls go through a Spring AI {@code ChatModel}, which the Spring AI
 * module traces.
 */
public final class EmbabelInstrumentationModule extends InstrumentationModule {

  public EmbabelInstrumentationModule() {
    super("custody-embabel", "custody-embabel-0.5", "custody");
  }

  /** 0.5: processes run their tool loops themselves, calling the model for each turn. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.embabel.agent.core.support.AbstractAgentProcess",
        "com.embabel.agent.spi.loop.support.DefaultToolLoop");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new AgentProcessInstrumentation(),
        new ToolLoopInstrumentation(),
        new ToolInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.embabel.EmbabelObjects",
        "dev.custody.instrumentation.embabel.EmbabelObjects$Getters",
        "dev.custody.instrumentation.embabel.EmbabelProcesses",
        "dev.custody.instrumentation.embabel.EmbabelProcesses$ProcessRun",
        "dev.custody.instrumentation.embabel.EmbabelActions",
        "dev.custody.instrumentation.embabel.EmbabelActions$ActionAttributes",
        "dev.custody.instrumentation.embabel.EmbabelActions$ActionRun",
        "dev.custody.instrumentation.embabel.EmbabelToolCalls",
        "dev.custody.instrumentation.embabel.EmbabelToolCalls$ToolRun");
  }
}
