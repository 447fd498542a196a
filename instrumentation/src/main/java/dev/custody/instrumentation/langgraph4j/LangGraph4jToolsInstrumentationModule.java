package dev.custody.instrumentation.langgraph4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangGraph4j's LangChain4j tool service ({@code langgraph4j-langchain4j}), which a graph's tool
 * node runs the model's tool calls with: each call as an {@code execute_tool {tool}} with its call
 * id. Apart from {@link LangGraph4jInstrumentationModule}, so that a graph without LangChain4j is
 * still traced; the same switch, {@code custody-langgraph4j}, turns both off.
 */
public final class LangGraph4jToolsInstrumentationModule extends InstrumentationModule {

  public LangGraph4jToolsInstrumentationModule() {
    super("custody-langgraph4j", "custody-langgraph4j-langchain4j", "custody");
  }

  /** The tool service, and LangChain4j 1.6+, whose tools take an invocation context. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "org.bsc.langgraph4j.langchain4j.tool.LC4jToolService",
        "dev.langchain4j.invocation.InvocationContext");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new ToolServiceInstrumentation(),
        new ToolCallResultInstrumentation(),
        new ToolExecutorInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.langgraph4j.GraphToolCalls",
        "dev.custody.instrumentation.langgraph4j.GraphToolCalls$ToolRun");
  }
}
