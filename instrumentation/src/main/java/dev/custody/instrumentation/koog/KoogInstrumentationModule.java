package dev.custody.instrumentation.koog;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JetBrains Koog 1.1: each agent run as an {@code invoke_agent {agent id}} (the case root, or a
 * sub-agent inside a case) with its intent, each LLM call a strategy node makes as a {@code chat
 * {model}} turn, each tool call as an {@code execute_tool {tool}} with its call id, all from the
 * events Koog's agent pipeline hands its features.
 */
public final class KoogInstrumentationModule extends InstrumentationModule {

  public KoogInstrumentationModule() {
    super("custody-koog", "custody-koog-1.1", "custody");
  }

  /** 1.1: the pipeline's events and the message model of parts. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "ai.koog.agents.core.feature.pipeline.AIAgentPipelineImpl",
        "ai.koog.agents.core.feature.ContextualPromptExecutor",
        "ai.koog.prompt.message.MessagePart$Tool$Call");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new AgentPipelineInstrumentation(), new SuspendStretchInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.koog.KoogMessages",
        "dev.custody.instrumentation.koog.KoogModelTurns",
        "dev.custody.instrumentation.koog.KoogPipelineEvents",
        "dev.custody.instrumentation.koog.KoogModelTurns$Turn",
        "dev.custody.instrumentation.koog.KoogRun",
        "dev.custody.instrumentation.koog.KoogRuns",
        "dev.custody.instrumentation.koog.KoogToolCalls",
        "dev.custody.instrumentation.koog.KoogToolCalls$Call",
        "dev.custody.instrumentation.koog.SuspendWindows",
        "dev.custody.instrumentation.koog.SuspendWindows$Stretches",
        "dev.custody.instrumentation.koog.SuspendWindows$Window",
        "dev.custody.instrumentation.koog.RunContextElement",
        "dev.custody.instrumentation.koog.RunContextElement$Key",
        "dev.custody.instrumentation.koog.RunContinuation");
  }
}
