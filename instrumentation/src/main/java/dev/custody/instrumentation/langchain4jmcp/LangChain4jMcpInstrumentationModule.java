package dev.custody.instrumentation.langchain4jmcp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * langchain4j-mcp's own MCP client: its tool calls carry the caller's trace context and case in
 * {@code _meta}, so a tool served by an MCP server running the agent joins the trace. The tool call
 * spans themselves are LangChain4j's.
 */
public final class LangChain4jMcpInstrumentationModule extends InstrumentationModule {

  public LangChain4jMcpInstrumentationModule() {
    super("custody-langchain4j-mcp", "custody-langchain4j-mcp-1.11", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("dev.langchain4j.mcp.client.McpCallContext");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new McpTransportInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withMcpApi("dev.custody.instrumentation.langchain4jmcp.LangChain4jMcpMeta");
  }
}
