package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An unmodified Quarkus LangChain4j app, packaged as Quarkus packages it (fast-jar): its REST
 * endpoint calls a {@code @RegisterAiService} whose model asks for its one tool twice in one
 * response, one call failing. Each request is one trace: the request, the case root with the intent
 * and the caller's end user, the two model turns and the two tool calls with their call ids. One
 * JVM serves both requests; no canary leaves it.
 */
class QuarkusLangChain4jIT {

  static final String APP = "quarkus-langchain4j-1";
  static final String SYSTEM_MESSAGE =
      "You are a support agent. Look the orders up before you answer.";
  static final String REQUEST = "Where are my orders A-17 and B-404?";
  static final String ANSWER = "Order A-17 leaves the warehouse tomorrow; B-404 is unknown.";
  static final String ORDER = "A-17: packed, leaves the warehouse tomorrow";

  /**
   * The spans of one request: its SERVER span, the case root, two model turns with their HTTP
   * calls, two tool calls with theirs.
   */
  static final int SPANS_PER_REQUEST = 10;

  static final List<String> CALLERS = List.of("alice@example.com", "bob@example.com");

  @Test
  void eachRequestIsOneCaseOfModelTurnsAndToolCallsForItsCaller() throws Exception {
    Canaries canaries = new Canaries();
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = model(canaries)) {
      int port = freePort();
      ForkedApp.Running app = start(canaries.plantIn(ForkedApp.withCustody(receiver)), model, port);
      Spans spans;
      List<String> tokens = CALLERS.stream().map(QuarkusLangChain4jIT::tokenOf).toList();
      try {
        for (String token : tokens) {
          assertThat(askAs(port, token)).isEqualTo(ANSWER);
        }
        spans =
            receiver.awaitSpans(
                received -> received.all().size() >= CALLERS.size() * SPANS_PER_REQUEST);
      } finally {
        app.stop();
      }

      assertThat(spans.all()).hasSize(CALLERS.size() * SPANS_PER_REQUEST);
      assertThat(spans.byTrace()).as("one trace per request").hasSize(CALLERS.size());
      for (String caller : CALLERS) {
        ReceivedSpan root =
            spans
                .where(
                    s -> s.name().startsWith("invoke_agent") && caller.equals(s.attr("enduser.id")))
                .get(0);
        assertRequestTrace(spans.traceOf(root), caller);
      }
      canaries.assertPlantedAndNeverExported(model, receiver);
      for (String token : tokens) {
        assertThat(receiver.rawBytesContain(token.split("\\.")[1]))
            .as("exported bytes contain the caller's token")
            .isFalse();
      }
    }
  }

  private static void assertRequestTrace(Spans spans, String caller) {
    ExpectedSpan asking =
        modelTurn()
            .has("gen_ai.response.finish_reasons", List.of("tool_call"))
            .satisfies(
                "the tool asked for twice",
                turn ->
                    assertThat(turn.attrList("custody.gen_ai.tool_calls.requested"))
                        .hasSize(2)
                        .allSatisfy(call -> assertThat(call).matches("lookupOrder:call_\\d+")));
    ExpectedSpan found =
        lookupOrder(asking, "A-17")
            .noError()
            // Quarkus hands the model a tool's text as JSON: the result is what the model got
            .has("gen_ai.tool.call.result", "\"" + Canaries.redactedBackendText(ORDER) + "\"");
    ExpectedSpan unknown =
        lookupOrder(asking, "B-404")
            .error()
            .has("error.type", "java.lang.IllegalArgumentException")
            .has("gen_ai.tool.call.result", "no order B-404");
    ExpectedSpan answering =
        modelTurn()
            .has("gen_ai.response.finish_reasons", List.of("stop"))
            .has("gen_ai.output.messages", v -> v.contains(ANSWER));
    ExpectedSpan root =
        span("invoke_agent SupportAgent")
            .kind(INTERNAL)
            .scope("dev.custody.quarkus-langchain4j-1.0")
            .has("gen_ai.agent.name", "SupportAgent")
            .has("custody.intent.prompt", REQUEST)
            .has("custody.intent.objective", SYSTEM_MESSAGE)
            .has("enduser.id", caller)
            .has("custody.record.missing", List.of("workload_identity"))
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .lacks("gen_ai.conversation.id")
            .children(asking, found, unknown, answering);
    ExpectedSpan request = span("POST /ask").kind(SERVER).has("enduser.id", caller).children(root);

    TraceAssert trace = assertThat(spans).hasTree(request);
    assertThat(spans).everySpanHas("custody.case.id", trace.received(root).attr("custody.case.id"));
    List<String> requested = trace.received(asking).attrList("custody.gen_ai.tool_calls.requested");
    for (ExpectedSpan tool : List.of(found, unknown)) {
      assertThat(requested)
          .contains("lookupOrder:" + trace.received(tool).attr("gen_ai.tool.call.id"));
    }
  }

  /** A model turn, right under the case root, holding its HTTP call to the model. */
  private static ExpectedSpan modelTurn() {
    return span("chat gpt-4o-mini")
        .kind(CLIENT)
        .has("gen_ai.operation.name", "chat")
        .has("gen_ai.provider.name", "openai")
        .has("gen_ai.response.model", "scripted-model")
        .children(
            span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions")));
  }

  /** The tool call for one order, linked to the turn that asked for it, holding its HTTP call. */
  private static ExpectedSpan lookupOrder(ExpectedSpan askingTurn, String orderId) {
    return span("execute_tool lookupOrder")
        .kind(INTERNAL)
        .linksTo(askingTurn)
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.call.arguments", "{\"orderId\":\"" + orderId + "\"}")
        .has("gen_ai.tool.call.id", v -> v.matches("call_\\d+"))
        .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/orders/" + orderId)));
  }

  /**
   * The model: it asks for the tool twice in one response, then answers; the backend knows A-17.
   */
  static ScriptedOpenAiServer model(Canaries canaries) throws IOException {
    return ScriptedOpenAiServer.start(
            List.of(
                new ToolCall("lookupOrder", "{\"orderId\":\"A-17\"}"),
                new ToolCall("lookupOrder", "{\"orderId\":\"B-404\"}")),
            ANSWER)
        .serve("/orders/A-17", canaries.backendText(ORDER));
  }

  /** Starts the app on {@code port}, wired to the model, and waits until it listens. */
  static ForkedApp.Running start(ForkedApp app, ScriptedOpenAiServer model, int port)
      throws IOException, InterruptedException {
    ForkedApp.Running running =
        app.property("app.model.url", model.baseUrl())
            .property("app.backend.url", model.url(""))
            .property("quarkus.http.port", String.valueOf(port))
            .startQuarkusApp(APP);
    awaitListening(port);
    return running;
  }

  /** The caller's bearer token, as the gateway in front of the service forwards it. */
  static String tokenOf(String caller) {
    return FakeJwt.of(
        "RS256",
        "{\"iss\":\"https://login.example.com\",\"sub\":\""
            + caller
            + "\",\"exp\":"
            + (Instant.now().getEpochSecond() + 3600)
            + "}");
  }

  /**
   * Asks the desk's endpoint as the token's caller, over HTTP/1.1: the JDK client's default h2c
   * upgrade gets its answer over HTTP/2, where the stock agent's Netty server span never ends.
   */
  static String askAs(int port, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until the app accepts connections on {@code port}. */
  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the app never listened on " + port);
  }
}
