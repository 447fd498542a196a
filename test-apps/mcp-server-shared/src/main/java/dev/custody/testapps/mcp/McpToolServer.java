package dev.custody.testapps.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An MCP tool server (MCP Java SDK, Streamable HTTP at {@code /mcp} on Jetty), with no Custody
 * code. It prints {@code LISTENING <port>} and serves until stopped. Tools: {@code echo} looks a
 * note up at {@code -Dit.backend.url} and echoes its {@code text} argument with it; {@code fail}
 * reports a failure in its result ({@code isError}); {@code refund} asks the client's user to
 * confirm ({@code elicitation/create}) and refunds only if they accept; {@code boom} throws.
 */
public final class McpToolServer {

  private static final HttpClient http = HttpClient.newHttpClient();

  private McpToolServer() {}

  public static void main(String[] args) throws Exception {
    McpJsonMapper json = McpJsonDefaults.getMapper();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .mcpEndpoint("/mcp")
            .build();
    String schema = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";
    McpServer.sync(transport)
        .serverInfo("tool-server", "1.0")
        .capabilities(ServerCapabilities.builder().tools(true).build())
        .toolCall(
            Tool.builder()
                .name("echo")
                .description("Echoes the text with a note")
                .inputSchema(json, schema)
                .build(),
            (exchange, request) ->
                text("echo: " + request.arguments().get("text") + " | note: " + note(), false))
        .toolCall(
            Tool.builder()
                .name("fail")
                .description("Reports a failure")
                .inputSchema(json, schema)
                .build(),
            (exchange, request) -> text("no such order", true))
        .toolCall(
            Tool.builder()
                .name("refund")
                .description("Refunds an order once the user confirms")
                .inputSchema(json, schema)
                .build(),
            (exchange, request) ->
                refund(exchange, String.valueOf(request.arguments().get("text"))))
        .toolCall(
            Tool.builder().name("boom").description("Throws").inputSchema(json, schema).build(),
            (exchange, request) -> {
              throw new IllegalStateException("kaboom");
            })
        .build();

    Server jetty = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    jetty.setHandler(context);
    jetty.start();
    System.out.println("LISTENING " + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    jetty.join();
  }

  /**
   * Asks the client's user to confirm the refund ({@code elicitation/create}) before it is made.
   */
  private static CallToolResult refund(McpSyncServerExchange exchange, String refund) {
    ElicitResult answer =
        exchange.createElicitation(
            ElicitRequest.builder()
                .message("Confirm the refund: " + refund + "?")
                .requestedSchema(
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("confirm", Map.of("type", "boolean"))))
                .build());
    return answer.action() == ElicitResult.Action.ACCEPT
        ? text("refunded: " + refund, false)
        : text("not refunded: the user said " + answer.action(), false);
  }

  private static String note() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("it.backend.url") + "/note"))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException("the note backend failed", e);
    }
  }

  private static CallToolResult text(String text, boolean isError) {
    return CallToolResult.builder()
        .content(List.of(new TextContent(text)))
        .isError(isError)
        .build();
  }
}
