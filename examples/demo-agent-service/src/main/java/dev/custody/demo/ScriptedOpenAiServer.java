package dev.custody.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local model that speaks the OpenAI chat completions API ({@code POST /v1/chat/completions}): while the
 * conversation holds no tool results it asks for the scripted tool calls, then it gives the scripted answer. Being
 * stateless it serves any number of conversations at once. Extra paths can serve fixed text, as a tool's backend.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

  /** A tool call the model asks for: the tool's name and its arguments as a JSON object. */
  public record ToolCall(String name, String argumentsJson) {}

  private static final Pattern TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

  private final HttpServer server;
  private final List<ToolCall> toolCalls;
  private final String answer;
  private final AtomicInteger callIds = new AtomicInteger();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  /** A request the model received, kept so tests can check what the client sent. */
  public record Request(String path, String authorization, String baggage, String body) {}

  private ScriptedOpenAiServer(List<ToolCall> toolCalls, String answer) throws IOException {
    this.toolCalls = List.copyOf(toolCalls);
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4, daemonThreads()));
    server.createContext("/v1/chat/completions", this::chat);
    server.start();
  }

  public static ScriptedOpenAiServer start(List<ToolCall> toolCalls, String answer) throws IOException {
    return new ScriptedOpenAiServer(toolCalls, answer);
  }

  /** Serves {@code body} as plain text at {@code path}. */
  public ScriptedOpenAiServer serve(String path, String body) {
    server.createContext(path, exchange -> {
      record(exchange, "");
      respond(exchange, 200, "text/plain", body);
    });
    return this;
  }

  /** The OpenAI base URL to give a client, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return url("/v1");
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange) throws IOException {
    String body = read(exchange.getRequestBody());
    record(exchange, body);
    boolean toolsAnswered = TOOL_RESULT.matcher(body).find();
    String message = toolsAnswered || toolCalls.isEmpty() ? answerMessage() : toolCallMessage();
    String finishReason = toolsAnswered || toolCalls.isEmpty() ? "stop" : "tool_calls";
    respond(exchange, 200, "application/json", completion(message, finishReason));
  }

  private String toolCallMessage() {
    StringBuilder calls = new StringBuilder();
    for (ToolCall call : toolCalls) {
      if (calls.length() > 0) {
        calls.append(',');
      }
      calls.append("{\"id\":\"call_").append(callIds.incrementAndGet())
          .append("\",\"type\":\"function\",\"function\":{\"name\":").append(json(call.name()))
          .append(",\"arguments\":").append(json(call.argumentsJson())).append("}}");
    }
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + calls + "]}";
  }

  private String answerMessage() {
    return "{\"role\":\"assistant\",\"content\":" + json(answer) + "}";
  }

  private static String completion(String message, String finishReason) {
    return "{\"id\":\"chatcmpl-scripted\",\"object\":\"chat.completion\",\"created\":1767225600,"
        + "\"model\":\"scripted-model\",\"choices\":[{\"index\":0,\"message\":" + message
        + ",\"finish_reason\":\"" + finishReason + "\"}],"
        + "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":7,\"total_tokens\":49}}";
  }

  private void record(HttpExchange exchange, String body) {
    requests.add(
        new Request(
            exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("baggage"),
            body));
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "scripted-model");
      thread.setDaemon(true);
      return thread;
    };
  }
}
