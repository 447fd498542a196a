package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local model that speaks the Anthropic Messages API ({@code POST /v1/messages}). While the
 * conversation holds no {@code tool_result} block it asks for the scripted tool calls ({@code
 * tool_use} blocks, stop reason {@code tool_use}), then it gives the scripted answer (stop reason
 * {@code end_turn}), with usage and a {@code request-id} header as the API sends them. Being
 * stateless it serves any number of conversations at once. Extra paths can serve fixed text, as a
 * tool's backend.
 */
public final class ScriptedAnthropicServer
    extends ScriptedServer<ScriptedAnthropicServer, ScriptedAnthropicServer.Request> {

  /** A tool call the model asks for: the tool's name and its input as a JSON object. */
  public record ToolCall(String name, String inputJson) {}

  /**
   * A request the server received, kept so tests can check what the client sent. The API key
   * arrives as {@code x-api-key}, or, from recent SDKs, as a bearer {@code Authorization}.
   */
  public record Request(String path, String apiKey, String baggage, String body) {}

  static final String MODEL = "scripted-model";

  private static final Pattern TOOL_RESULT = Pattern.compile("\"type\"\\s*:\\s*\"tool_result\"");
  private static final String USAGE =
      "\"usage\":{\"input_tokens\":42,\"output_tokens\":7,\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":0}";

  private final List<ToolCall> toolCalls;
  private final String answer;
  private final AtomicInteger ids = new AtomicInteger();

  private ScriptedAnthropicServer(List<ToolCall> toolCalls, String answer) throws IOException {
    super(
        "scripted-anthropic",
        (exchange, body) ->
            new Request(
                exchange.getRequestURI().toString(),
                apiKey(exchange),
                exchange.getRequestHeaders().getFirst("baggage"),
                body));
    this.toolCalls = List.copyOf(toolCalls);
    this.answer = answer;
    handle("/v1/messages", this::messages);
    listen();
  }

  public static ScriptedAnthropicServer start(List<ToolCall> toolCalls, String answer)
      throws IOException {
    return new ScriptedAnthropicServer(toolCalls, answer);
  }

  /**
   * The base URL to give a client, e.g. {@code http://127.0.0.1:41234}: the SDK appends {@code
   * /v1/messages}.
   */
  public String baseUrl() {
    return url("");
  }

  private static String apiKey(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null
        ? authorization.replaceFirst("^Bearer ", "")
        : exchange.getRequestHeaders().getFirst("x-api-key");
  }

  private void messages(HttpExchange exchange, String body) throws IOException {
    boolean answering = toolCalls.isEmpty() || TOOL_RESULT.matcher(body).find();
    int id = ids.incrementAndGet();
    String content = answering ? "{\"type\":\"text\",\"text\":" + quote(answer) + "}" : toolUses();
    exchange.getResponseHeaders().set("request-id", "req_scripted_" + id);
    respond(
        exchange,
        "application/json",
        "{\"id\":\"msg_scripted_"
            + id
            + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
            + MODEL
            + "\",\"content\":["
            + content
            + "],\"stop_reason\":\""
            + (answering ? "end_turn" : "tool_use")
            + "\",\"stop_sequence\":null,"
            + USAGE
            + "}");
  }

  private String toolUses() {
    List<String> blocks = new ArrayList<>();
    for (ToolCall call : toolCalls) {
      blocks.add(
          "{\"type\":\"tool_use\",\"id\":\"toolu_"
              + ids.incrementAndGet()
              + "\",\"name\":"
              + quote(call.name())
              + ",\"input\":"
              + call.inputJson()
              + "}");
    }
    return String.join(",", blocks);
  }
}
