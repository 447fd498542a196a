package dev.custody.instrumentation.mcp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The MCP Java SDK 1.x and 2.x ({@code io.modelcontextprotocol.sdk}): tool calls as client and
 * server spans, the trace context and case carried from client to server in the request's {@code
 * _meta}; a server's elicitation of the client's user as an escalation.
 */
public final class McpSdkInstrumentationModule extends InstrumentationModule {

  public McpSdkInstrumentationModule() {
    super("custody-mcp", "custody-mcp-1.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("io.modelcontextprotocol.spec.McpSchema$CallToolRequest");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new McpAsyncClientInstrumentation(),
        new JsonRpcRequestInstrumentation(),
        new McpAsyncServerInstrumentation(),
        new McpElicitationInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withMcpApi(
        "dev.custody.instrumentation.mcp.McpElicitations",
        "dev.custody.instrumentation.mcp.McpSdkCalls",
        "dev.custody.instrumentation.mcp.TracedToolsCallHandler");
  }
}
