package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local model that speaks the OpenAI chat completions API ({@code POST /v1/chat/completions}),
 * plain or streamed as server-sent events when the request asks for {@code "stream": true}. While
 * the conversation holds no tool results it asks for the scripted tool calls, then it gives the
 * scripted answer. Being stateless it serves any number of conversations at once. Extra paths can
 * serve fixed text, as a tool's backend.
 */
public final class ScriptedOpenAiServer
    extends ScriptedServer<ScriptedOpenAiServer, ScriptedOpenAiServer.Request> {

  /** A tool call the model asks for: the tool's name and its arguments as a JSON object. */
  public record ToolCall(String name, String argumentsJson) {}

  /** A request the server received, kept so tests can check what the client sent. */
  public record Request(String path, String authorization, String baggage, String body) {}

  static final String MODEL = "scripted-model";

  private static final Pattern TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");
  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

  private final List<ToolCall> toolCalls;
  private final String answer;
  private final AtomicInteger callIds = new AtomicInteger();

  private ScriptedOpenAiServer(List<ToolCall> toolCalls, String answer) throws IOException {
    super(
        "scripted-model",
        (exchange, body) ->
            new Request(
                exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("baggage"),
                body));
    this.toolCalls = List.copyOf(toolCalls);
    this.answer = answer;
    handle("/v1/chat/completions", this::chat);
    listen();
  }

  public static ScriptedOpenAiServer start(List<ToolCall> toolCalls, String answer)
      throws IOException {
    return new ScriptedOpenAiServer(toolCalls, answer);
  }

  /** The OpenAI base URL to give a client, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return url("/v1");
  }

  private void chat(HttpExchange exchange, String body) throws IOException {
    boolean answering = toolCalls.isEmpty() || TOOL_RESULT.matcher(body).find();
    List<String> ids = new ArrayList<>();
    if (!answering) {
      toolCalls.forEach(call -> ids.add("call_" + callIds.incrementAndGet()));
    }
    if (STREAM.matcher(body).find()) {
      respond(exchange, "text/event-stream", answering ? streamedAnswer() : streamedToolCalls(ids));
    } else {
      String message = answering ? answerMessage() : toolCallMessage(ids);
      respond(exchange, "application/json", completion(message, answering ? "stop" : "tool_calls"));
    }
  }

  private String toolCallMessage(List<String> ids) {
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      calls.add(
          "{\"id\":"
              + quote(ids.get(i))
              + ",\"type\":\"function\",\"function\":{\"name\":"
              + quote(call.name())
              + ",\"arguments\":"
              + quote(call.argumentsJson())
              + "}}");
    }
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + String.join(",", calls)
        + "]}";
  }

  private String answerMessage() {
    return "{\"role\":\"assistant\",\"content\":" + quote(answer) + "}";
  }

  private static String completion(String message, String finishReason) {
    return "{\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion\",\"created\":1767225600,"
        + "\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"message\":"
        + message
        + ",\"finish_reason\":\""
        + finishReason
        + "\"}],"
        + USAGE
        + "}";
  }

  private static final String USAGE =
      "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":7,\"total_tokens\":49}";

  /** The answer in a few content deltas, then the finish reason and usage. */
  private String streamedAnswer() {
    StringBuilder events = new StringBuilder();
    int half = answer.length() / 2;
    events.append(
        chunk(
            "{\"role\":\"assistant\",\"content\":" + quote(answer.substring(0, half)) + "}", null));
    events.append(chunk("{\"content\":" + quote(answer.substring(half)) + "}", null));
    events.append(chunk("{}", "stop"));
    return events.append(usageChunk()).append("data: [DONE]\n\n").toString();
  }

  /**
   * Each tool call as its own delta (name first, then arguments), then the finish reason and usage.
   */
  private String streamedToolCalls(List<String> ids) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      String start =
          "{\"index\":"
              + i
              + ",\"id\":"
              + quote(ids.get(i))
              + ",\"type\":\"function\",\"function\":{\"name\":"
              + quote(call.name())
              + ",\"arguments\":\"\"}}";
      String arguments =
          "{\"index\":" + i + ",\"function\":{\"arguments\":" + quote(call.argumentsJson()) + "}}";
      String role = i == 0 ? "\"role\":\"assistant\",\"content\":null," : "";
      events.append(chunk("{" + role + "\"tool_calls\":[" + start + "]}", null));
      events.append(chunk("{\"tool_calls\":[" + arguments + "]}", null));
    }
    events.append(chunk("{}", "tool_calls"));
    return events.append(usageChunk()).append("data: [DONE]\n\n").toString();
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
        + "\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + (finishReason == null ? "null" : quote(finishReason))
        + "}]}\n\n";
  }

  private static String usageChunk() {
    return "data: {\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
        + "\"model\":\""
        + MODEL
        + "\",\"choices\":[],"
        + USAGE
        + "}\n\n";
  }
}
