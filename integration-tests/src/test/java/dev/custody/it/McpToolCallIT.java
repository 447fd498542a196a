package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service calls MCP tools (MCP Java SDK client) that another JVM serves (MCP Java SDK server on
 * Jetty), both with the agent. The service serves one request that arrives inside a case; every
 * span of both JVMs, the tool server's own HTTP call included, belongs to that trace and case, and
 * each tool call is a client span whose server span is its child through the trace context MCP
 * carries in {@code params._meta}.
 */
class McpToolCallIT {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
  static final String CASE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String NOTE = "A-17 leaves the warehouse tomorrow";
  static final String ANSWER = "A-17 ships tomorrow.";
  static final String REFUNDED = "40 EUR on A-17";
  static final String DECLINED = "999 EUR on A-17";

  static final String MCP_SCOPE = "dev.custody.mcp-java-sdk-1.0";

  @Test
  void sdk21ToolCallsJoinTheCallersTraceAndCaseBesideTheHttpSpans() throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.callTools("2.1", Map.of(), Map.of());
      Spans spans = world.spans;

      // Each call is its client span, the HTTP request that carried it, and the server span in the
      // other JVM, which
      // links the request's server span. The session's other HTTP requests (initialize, its end)
      // stand beside them.
      assertThat(spans)
          .containsTree(
              runRequest(world)
                  .childrenIncluding(
                      overHttp(
                          echo(mcpClient(world, "echo")),
                          echo(mcpServer(world, "echo")).children(noteCall())),
                      overHttp(fail(mcpClient(world, "fail")), fail(mcpServer(world, "fail"))),
                      overHttpWithTheUsersAnswer(
                          refunded(mcpClient(world, "refund")),
                          refunded(mcpServer(world, "refund"))
                              .children(elicitation(world, REFUNDED, "approved"))),
                      overHttpWithTheUsersAnswer(
                          declined(mcpClient(world, "refund")),
                          declined(mcpServer(world, "refund"))
                              .children(elicitation(world, DECLINED, "denied"))),
                      overHttp(boomClient(world), boomServer(world))))
          .everySpanHas("custody.case.id", CASE_ID);
      assertTheCallsAnsweredInOneTrace(world);

      // The client span covers the real call, not the assembly of a lazy Mono: the HTTP request is
      // within its time.
      for (String tool : List.of("echo", "fail", "boom")) {
        ReceivedSpan client = clientSpan(spans, tool);
        ReceivedSpan post =
            single(
                spans.where(
                    span ->
                        span.scope().equals("io.opentelemetry.java-http-client")
                            && span.parentSpanId().equals(client.spanId())));
        assertThat(post.startNanos()).isGreaterThanOrEqualTo(client.startNanos());
        assertThat(post.endNanos()).isLessThanOrEqualTo(client.endNanos());
      }
    }
  }

  @Test
  void sdk11ToolCallsJoinTheTraceThroughMetaAloneWhenNoHttpHeaderCarriesIt() throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.callTools(
          "1.1",
          Map.of(
              "otel.instrumentation.jetty.enabled",
              "false",
              "otel.instrumentation.servlet.enabled",
              "false"),
          Map.of("otel.instrumentation.java-http-client.enabled", "false"));

      // No HTTP span on the MCP hop, nothing else at all: only _meta could have carried the trace
      // and the case.
      assertThat(world.spans)
          .hasTree(
              runRequest(world)
                  .children(
                      echo(mcpClient(world, "echo"))
                          .children(echo(mcpServer(world, "echo")).linksTo().children(noteCall())),
                      fail(mcpClient(world, "fail")).children(fail(mcpServer(world, "fail"))),
                      refunded(mcpClient(world, "refund"))
                          .children(
                              refunded(mcpServer(world, "refund"))
                                  .children(elicitation(world, REFUNDED, "approved"))),
                      declined(mcpClient(world, "refund"))
                          .children(
                              declined(mcpServer(world, "refund"))
                                  .children(elicitation(world, DECLINED, "denied"))),
                      boomClient(world).children(boomServer(world))))
          .everySpanHas("custody.case.id", CASE_ID);
      assertTheCallsAnsweredInOneTrace(world);
    }
  }

  @Test
  void aLangChain4jAgentsToolServedOverLangChain4jMcpJoinsTheAgentsCaseThroughMeta()
      throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.askAgent(
          Map.of(
              "otel.instrumentation.jetty.enabled",
              "false",
              "otel.instrumentation.servlet.enabled",
              "false"),
          Map.of("otel.instrumentation.java-http-client.enabled", "false"));
      Spans spans = world.spans;

      assertThat(world.answer).contains("ANSWER: " + ANSWER);
      // langchain4j-mcp's tool calls are LangChain4j's to trace: the MCP instrumentation only
      // carries the context.
      ExpectedSpan root =
          span("invoke_agent Assistant")
              .kind(INTERNAL)
              .service(world.clientService)
              .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
              .children(
                  span("chat scripted-model"),
                  span("execute_tool echo")
                      .children(
                          span("tools/call echo")
                              .kind(SERVER)
                              .scope(MCP_SCOPE)
                              .service(world.serverService)
                              .has("gen_ai.tool.call.arguments", "{\"text\":\"Where is A-17?\"}")
                              .children(noteCall())),
                  span("chat scripted-model"));
      TraceAssert trace = assertThat(spans).hasTree(root);
      String caseId = trace.received(root).attr("custody.case.id");
      trace.everySpanHas("custody.case.id", caseId);
      assertThat(spans.where(span -> span.serviceName().equals(world.clientService)))
          .noneMatch(span -> span.scope().startsWith("dev.custody.mcp"));
      assertThat(world.backend.requests())
          .filteredOn(request -> request.path().equals("/note"))
          .singleElement()
          .satisfies(
              request -> assertThat(request.baggage()).contains("custody.case.id=" + caseId));

      // The investigator's tool reads the case across both JVMs from their files, gathered as a
      // collector's file exporter gathers them: one timeline, both services, both streams intact.
      Path gathered = world.evidenceOfBothJvms();
      JsonNode theCase =
          CustodyTool.run("case", caseId, "--file", gathered.toString())
              .report()
              .get("cases")
              .get(0);
      assertThat(theCase.get("services"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder(world.clientService, world.serverService);
      assertThat(theCase.get("timeline"))
          .filteredOn(row -> row.get("name").asText().equals("tools/call echo"))
          .singleElement()
          .satisfies(row -> assertThat(row.get("service").asText()).isEqualTo(world.serverService));
      assertThat(theCase.get("tool_calls").findValuesAsText("name")).contains("execute_tool echo");
      CustodyTool verified = CustodyTool.verify("--file", gathered.toString());
      assertThat(verified.status()).as(verified.report().toString()).isEqualTo("intact");
      assertThat(verified.report().get("keys")).as("one key per process").hasSize(2);
    }
  }

  /** The request the client service serves, inside the caller's trace and case. */
  private static ExpectedSpan runRequest(ToolWorld world) {
    return span("POST /run").kind(SERVER).service(world.clientService).childOf(CALLER_SPAN_ID);
  }

  /**
   * A call's client span, with its HTTP request (and the request's server span) and its server span
   * under it.
   */
  private static ExpectedSpan overHttp(ExpectedSpan client, ExpectedSpan server) {
    ExpectedSpan jetty = span("POST /*").kind(SERVER).scope("io.opentelemetry.jetty-12.0");
    return client.children(
        span("POST").kind(CLIENT).scope("io.opentelemetry.java-http-client").children(jetty),
        server.linksTo(jetty));
  }

  /**
   * A call whose tool asked the client's user: the client answers the server's question in a
   * request of its own, inside the call, after the server span started.
   */
  private static ExpectedSpan overHttpWithTheUsersAnswer(ExpectedSpan client, ExpectedSpan server) {
    ExpectedSpan jetty = span("POST /*").kind(SERVER).scope("io.opentelemetry.jetty-12.0");
    ExpectedSpan answerReceived = span("POST /*").kind(SERVER).scope("io.opentelemetry.jetty-12.0");
    return client.children(
        span("POST").kind(CLIENT).scope("io.opentelemetry.java-http-client").children(jetty),
        server.linksTo(jetty),
        span("POST")
            .kind(CLIENT)
            .scope("io.opentelemetry.java-http-client")
            .children(answerReceived));
  }

  private static ExpectedSpan mcpClient(ToolWorld world, String tool) {
    return mcpCall(world, tool)
        .kind(CLIENT)
        .service(world.clientService)
        .has("mcp.protocol.version", v -> v.matches("\\d{4}-\\d{2}-\\d{2}"))
        .has("jsonrpc.request.id", v -> v.isNotEmpty());
  }

  private static ExpectedSpan mcpServer(ToolWorld world, String tool) {
    return mcpCall(world, tool).kind(SERVER).service(world.serverService);
  }

  /** What both sides of every call carry. */
  private static ExpectedSpan mcpCall(ToolWorld world, String tool) {
    return span("tools/call " + tool)
        .scope(MCP_SCOPE)
        .has("mcp.method.name", "tools/call")
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.name", tool)
        .has("mcp.session.id", world.sessionId);
  }

  /** The echo call, on either side: its arguments and result, the password in them redacted. */
  private static ExpectedSpan echo(ExpectedSpan side) {
    return side.noError()
        .has(
            "gen_ai.tool.call.arguments",
            "{\"text\":\"Where is A-17? password=[REDACTED:password]\"}")
        .has(
            "gen_ai.tool.call.result",
            "echo: Where is A-17? password=[REDACTED:password] | note: " + NOTE)
        .has("custody.gen_ai.tool.call.result.hash", v -> v.matches("sha256:[0-9a-f]{64}"));
  }

  /** The call whose tool reports an error, on either side. */
  private static ExpectedSpan fail(ExpectedSpan side) {
    return side.error()
        .has("error.type", "tool_error")
        .has("gen_ai.tool.call.result", "no such order");
  }

  /** The refund the user accepted when the server asked, on either side. */
  private static ExpectedSpan refunded(ExpectedSpan side) {
    return side.noError().has("gen_ai.tool.call.result", "refunded: " + REFUNDED);
  }

  /** The refund the user declined, on either side: the tool did not refund, and said so. */
  private static ExpectedSpan declined(ExpectedSpan side) {
    return side.noError().has("gen_ai.tool.call.result", "not refunded: the user said DECLINE");
  }

  /**
   * The refund tool's question to the client's user ({@code elicitation/create}), in the server's
   * JVM, and the user's answer.
   */
  private static ExpectedSpan elicitation(ToolWorld world, String refund, String outcome) {
    return span("escalation elicitation")
        .kind(INTERNAL)
        .service(world.serverService)
        .has("custody.escalation.kind", "elicitation")
        .has("custody.escalation.request", "Confirm the refund: " + refund + "?")
        .has("custody.escalation.asked", v -> v.isNotEmpty())
        .has("custody.escalation.outcome", outcome)
        .has("custody.escalation.wait_ms", v -> v.matches("\\d+"));
  }

  /** The client of the call whose tool throws: a JSON-RPC error. */
  private static ExpectedSpan boomClient(ToolWorld world) {
    return mcpClient(world, "boom")
        .error()
        .has("error.type", "-32603")
        .has("rpc.response.status_code", "-32603")
        .satisfies(
            "status message",
            span -> assertThat(span.proto().getStatus().getMessage()).isEqualTo("kaboom"));
  }

  /** The server of the call whose tool throws. */
  private static ExpectedSpan boomServer(ToolWorld world) {
    return mcpServer(world, "boom").error().has("error.type", "java.lang.IllegalStateException");
  }

  /** The echo tool's own HTTP call, to the note backend. */
  private static ExpectedSpan noteCall() {
    return span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/note"));
  }

  /**
   * The client got each call's answer; every span is in the caller's trace; no canary left either
   * JVM.
   */
  private static void assertTheCallsAnsweredInOneTrace(ToolWorld world) {
    assertAnswered(world);
    assertThat(world.spans.byTrace()).containsOnlyKeys(TRACE_ID);
    assertThat(world.spans.where(McpToolCallIT::isNoteCall))
        .as("the echo tool's call, nothing else")
        .hasSize(1);
    assertThat(world.backend.requests())
        .filteredOn(request -> request.path().equals("/note"))
        .singleElement()
        .satisfies(request -> assertThat(request.baggage()).contains("custody.case.id=" + CASE_ID));
    assertThat(List.of("echo", "fail", "boom"))
        .extracting(tool -> clientSpan(world.spans, tool).attr("jsonrpc.request.id"))
        .doesNotHaveDuplicates();
    assertThat(world.receiver.rawBytesContain(world.canary))
        .as("exported bytes contain the canary")
        .isFalse();
  }

  private static boolean isNoteCall(ReceivedSpan span) {
    return span.kind() == SpanKind.SPAN_KIND_CLIENT
        && span.attr("url.full") != null
        && span.attr("url.full").endsWith("/note");
  }

  private static ReceivedSpan clientSpan(Spans spans, String tool) {
    return single(
        spans.where(
            span ->
                span.name().equals("tools/call " + tool)
                    && span.kind() == SpanKind.SPAN_KIND_CLIENT
                    && span.scope().equals(MCP_SCOPE)));
  }

  /**
   * The client's answer: echo's text and note, fail's tool error, the refunds as the user answered,
   * boom's JSON-RPC error.
   */
  static void assertAnswered(ToolWorld world) {
    assertThat(world.answer)
        .contains("echo -> echo: Where is A-17? password=" + world.canary + " | note: " + NOTE)
        .contains("fail -> tool error: no such order")
        .contains("refund -> refunded: " + REFUNDED)
        .contains("refund -> not refunded: the user said DECLINE")
        .contains("boom -> error -32603: kaboom");
  }

  private static ReceivedSpan single(List<ReceivedSpan> spans) {
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  /**
   * The OTLP receiver both JVMs export to, and a scripted model that asks for {@code echo} and also
   * serves the note backend the echo tool calls. Tool content is captured in full, so only the
   * scrubber stands before a canary.
   */
  static final class ToolWorld implements AutoCloseable {
    final OtlpReceiver receiver = new OtlpReceiver();

    /** Where each JVM also writes its spans with {@code custody-file}. */
    final Path evidence = Files.createTempDirectory("mcp-evidence-");

    /** Every JVM's run, client and server, when the world runs them with the fault agent. */
    final List<ForkedApp.Result> runs = new ArrayList<>();

    private final boolean faults;
    final ScriptedOpenAiServer backend =
        ScriptedOpenAiServer.start(
                List.of(new ToolCall("echo", "{\"text\":\"Where is A-17?\"}")), ANSWER)
            .serve("/note", NOTE);
    final String canary = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    String clientService;
    String serverService;
    String answer;
    Spans spans;
    String sessionId;

    ToolWorld() throws Exception {
      this(false);
    }

    /**
     * With {@code faults}, the apps run with the fault agent and no spans are awaited: the runs are
     * all there is.
     */
    ToolWorld(boolean faults) throws Exception {
      this.faults = faults;
    }

    /**
     * The MCP SDK client service sends one request inside the case; it calls echo, fail and boom.
     */
    void callTools(
        String version, Map<String, String> serverProperties, Map<String, String> clientProperties)
        throws Exception {
      clientService = "mcp-client-" + version;
      withToolServer(
          version,
          serverProperties,
          mcpUrl -> {
            ForkedApp client = agent().property("it.mcp.url", mcpUrl);
            clientProperties.forEach(client::property);
            ForkedApp.Running running = client.startTestApp(clientService);
            answer = run(running.awaitLine("LISTENING "));
            ForkedApp.Result result = running.waitForExit();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            if (faults) {
              runs.add(result);
              return;
            }
            spans =
                receiver.awaitSpans(
                    received ->
                        received.named("tools/call").size() == 10
                            && !received
                                .where(
                                    span ->
                                        span.kind() == SpanKind.SPAN_KIND_SERVER
                                            && span.serviceName().equals(clientService))
                                .isEmpty()
                            && !received.where(McpToolCallIT::isNoteCall).isEmpty());
          });
      if (!faults) {
        sessionId = clientSpan(spans, "echo").attr("mcp.session.id");
        assertThat(sessionId).isNotBlank();
      }
    }

    /** The LangChain4j agent answers one request, calling echo through langchain4j-mcp. */
    void askAgent(Map<String, String> serverProperties, Map<String, String> clientProperties)
        throws Exception {
      clientService = "langchain4j-mcp-1.18";
      withToolServer(
          "2.1",
          serverProperties,
          mcpUrl -> {
            ForkedApp client =
                agent().property("it.mcp.url", mcpUrl).property("it.model.url", backend.baseUrl());
            clientProperties.forEach(client::property);
            ForkedApp.Result result = client.args("Where is A-17?").runTestApp(clientService);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            answer = result.stdout();
            if (faults) {
              runs.add(result);
              return;
            }
            spans =
                receiver.awaitSpans(
                    received ->
                        received.named("tools/call echo").size() == 1
                            && received.named("invoke_agent").size() == 1
                            && !received.where(McpToolCallIT::isNoteCall).isEmpty());
          });
    }

    /** Runs {@code client} against a tool server of this SDK version, stopped afterwards. */
    private void withToolServer(
        String version, Map<String, String> serverProperties, ToolClient client) throws Exception {
      serverService = "mcp-server-" + version;
      ForkedApp server = agent().property("it.backend.url", backend.url(""));
      serverProperties.forEach(server::property);
      ForkedApp.Running serving = server.startTestApp(serverService);
      try {
        client.run("http://127.0.0.1:" + serving.awaitLine("LISTENING "));
      } finally {
        ForkedApp.Result served = serving.stop();
        if (faults) {
          runs.add(served);
        }
      }
    }

    private ForkedApp agent() throws IOException {
      ForkedApp agent = ForkedApp.withCustody(receiver).property("custody.capture.tool", "full");
      if (faults) {
        return agent.withFaults();
      }
      return agent
          .property("otel.traces.exporter", "otlp,custody-file")
          .property(
              "custody.file.path", Files.createTempFile(evidence, "jvm-", ".jsonl").toString());
    }

    /** What every JVM of this world wrote with {@code custody-file}, in one file. */
    Path evidenceOfBothJvms() throws IOException {
      List<Path> written;
      try (var files = Files.list(evidence)) {
        written = files.sorted().toList();
      }
      Path gathered = evidence.resolve("gathered.jsonl");
      for (Path file : written) {
        Files.write(
            gathered,
            Files.readAllBytes(file),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      return gathered;
    }

    private String run(String port) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/run"))
              .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
              .header("baggage", "custody.case.id=" + CASE_ID)
              .POST(HttpRequest.BodyPublishers.ofString("Where is A-17? password=" + canary))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws IOException {
      backend.close();
      receiver.close();
      try (var files = Files.list(evidence)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(evidence);
    }
  }

  private interface ToolClient {
    void run(String mcpUrl) throws Exception;
  }
}
