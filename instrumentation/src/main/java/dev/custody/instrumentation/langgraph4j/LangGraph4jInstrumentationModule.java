package dev.custody.instrumentation.langgraph4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangGraph4j 1.8: each run of a compiled graph as an {@code invoke_agent {graph}} (the case root,
 * or a sub-agent inside a case), each node run as a {@code node {node}} span, and each interrupt, a
 * graph stopping for a human, as an {@code escalation interrupt} until the run that resumes it.
 */
public final class LangGraph4jInstrumentationModule extends InstrumentationModule {

  public LangGraph4jInstrumentationModule() {
    super("custody-langgraph4j", "custody-langgraph4j-1.8", "custody");
  }

  /** 1.8: graphs resume from a {@code GraphResume} input and run node hooks. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "org.bsc.langgraph4j.CompiledGraph",
        "org.bsc.langgraph4j.GraphResume",
        "org.bsc.langgraph4j.hook.NodeHook");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new CompiledGraphInstrumentation(), new NodeGeneratorInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.langgraph4j.GraphInputs",
        "dev.custody.instrumentation.langgraph4j.GraphInterrupts",
        "dev.custody.instrumentation.langgraph4j.GraphInterrupts$GraphThread",
        "dev.custody.instrumentation.langgraph4j.GraphNodes",
        "dev.custody.instrumentation.langgraph4j.GraphNodes$NodeAttributes",
        "dev.custody.instrumentation.langgraph4j.GraphNodes$NodeRun",
        "dev.custody.instrumentation.langgraph4j.GraphRun",
        "dev.custody.instrumentation.langgraph4j.GraphRuns");
  }
}
