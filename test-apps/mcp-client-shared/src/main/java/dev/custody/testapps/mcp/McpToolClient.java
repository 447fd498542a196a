package dev.custody.testapps.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A service that uses MCP tools (MCP Java SDK sync client, Streamable HTTP), with no Custody code.
 * It serves one {@code POST /run}, printing {@code LISTENING <port>} first: it connects to the MCP
 * server at {@code -Dit.mcp.url}, calls {@code echo} with the request body as its text, then {@code
 * fail}, {@code refund} twice (its user accepts a refund of 40 and declines one of 999 when the
 * server asks) and {@code boom}, answers one line per call and exits.
 */
public final class McpToolClient {

  private McpToolClient() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch served = new CountDownLatch(1);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/run",
        exchange -> {
          try {
            respond(
                exchange,
                callTools(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          } finally {
            served.countDown();
          }
        });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    served.await();
    server.stop(0);
    System.exit(0);
  }

  private static String callTools(String text) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(System.getProperty("it.mcp.url"))
                    .endpoint("/mcp")
                    .build())
            .requestTimeout(Duration.ofSeconds(20))
            .capabilities(ClientCapabilities.builder().elicitation().build())
            .elicitation(request -> confirm(request.message()))
            .build();
    try {
      client.initialize();
      return "echo -> "
          + outcome(client, "echo", Map.of("text", text))
          + "\n"
          + "fail -> "
          + outcome(client, "fail", Map.of("text", "A-17"))
          + "\n"
          + "refund -> "
          + outcome(client, "refund", Map.of("text", "40 EUR on A-17"))
          + "\n"
          + "refund -> "
          + outcome(client, "refund", Map.of("text", "999 EUR on A-17"))
          + "\n"
          + "boom -> "
          + outcome(client, "boom", Map.of())
          + "\n";
    } finally {
      client.closeGracefully();
    }
  }

  /**
   * The user's answer to the server's question: a refund of 999 is declined, any other accepted.
   */
  private static ElicitResult confirm(String question) {
    return question.contains("999")
        ? new ElicitResult(ElicitResult.Action.DECLINE, null)
        : new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true));
  }

  private static String outcome(McpSyncClient client, String tool, Map<String, Object> arguments) {
    try {
      CallToolResult result = client.callTool(new CallToolRequest(tool, arguments, null));
      String text =
          result.content().isEmpty() ? "" : ((TextContent) result.content().get(0)).text();
      return (Boolean.TRUE.equals(result.isError()) ? "tool error: " : "") + text;
    } catch (McpError e) {
      return "error " + e.getJsonRpcError().code() + ": " + e.getMessage();
    }
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
