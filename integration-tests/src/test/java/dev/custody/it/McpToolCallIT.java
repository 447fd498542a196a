package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service calls MCP tools (MCP Java SDK client) that another JVM serves (MCP Java SDK server on Jetty), both with
 * the agent. The service serves one request that arrives inside a case; every span of both JVMs, the tool server's
 * own HTTP call included, belongs to that trace and case, and each tool call is a client span whose server span is
 * its child through the trace context MCP carries in {@code params._meta}.
 */
class McpToolCallIT {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CASE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String NOTE = "A-17 leaves the warehouse tomorrow";
  static final String ANSWER = "A-17 ships tomorrow.";

  static final String MCP_SCOPE = "dev.custody.mcp-java-sdk-1.0";

  @Test
  void sdk21ToolCallsJoinTheCallersTraceAndCaseBesideTheHttpSpans() throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.callTools("2.1", Map.of(), Map.of());
      Spans spans = world.spans;

      assertEachCallIsAClientServerPairInTheCase(spans, world);

      // The HTTP request that carried each call is the MCP client span's child, within its time (the span covers
      // the real call, not the assembly of a lazy Mono), and the server span links it.
      for (String tool : List.of("echo", "fail", "boom")) {
        ReceivedSpan client = clientSpan(spans, tool);
        ReceivedSpan post = single(spans.where(span -> span.scope().equals("io.opentelemetry.java-http-client")
            && span.parentSpanId().equals(client.spanId())));
        assertThat(post.proto().getStartTimeUnixNano()).isGreaterThanOrEqualTo(client.proto().getStartTimeUnixNano());
        assertThat(post.proto().getEndTimeUnixNano()).isLessThanOrEqualTo(client.proto().getEndTimeUnixNano());
        ReceivedSpan jetty = single(spans.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
            && span.parentSpanId().equals(post.spanId())));
        assertThat(jetty.scope()).isEqualTo("io.opentelemetry.jetty-12.0");
        assertThat(serverSpan(spans, tool).proto().getLinksList())
            .singleElement()
            .satisfies(link -> assertThat(HexFormat.of().formatHex(link.getSpanId().toByteArray()))
                .isEqualTo(jetty.spanId()));
      }
    }
  }

  @Test
  void sdk11ToolCallsJoinTheTraceThroughMetaAloneWhenNoHttpHeaderCarriesIt() throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.callTools(
          "1.1",
          Map.of("otel.instrumentation.jetty.enabled", "false", "otel.instrumentation.servlet.enabled", "false"),
          Map.of("otel.instrumentation.java-http-client.enabled", "false"));
      Spans spans = world.spans;

      // No HTTP span on the MCP hop: nothing but _meta could have carried the trace and the case.
      assertThat(spans.where(span -> span.scope().startsWith("io.opentelemetry.jetty")
              || span.scope().startsWith("io.opentelemetry.servlet")
              || (span.scope().equals("io.opentelemetry.java-http-client")
                  && span.serviceName().equals(world.clientService))))
          .isEmpty();
      assertEachCallIsAClientServerPairInTheCase(spans, world);
      assertThat(serverSpan(spans, "echo").proto().getLinksList()).isEmpty();
    }
  }

  @Test
  void aLangChain4jAgentsToolServedOverLangChain4jMcpJoinsTheAgentsCaseThroughMeta() throws Exception {
    try (ToolWorld world = new ToolWorld()) {
      world.askAgent(
          Map.of("otel.instrumentation.jetty.enabled", "false", "otel.instrumentation.servlet.enabled", "false"),
          Map.of("otel.instrumentation.java-http-client.enabled", "false"));
      Spans spans = world.spans;

      assertThat(world.answer).contains("ANSWER: " + ANSWER);
      ReceivedSpan root = spans.one("invoke_agent");
      String caseId = root.attr("custody.case.id");
      assertThat(caseId).matches("[0-9a-f]{32}");
      assertThat(spans.all()).allSatisfy(span -> {
        assertThat(span.traceId()).as("%s", span).isEqualTo(root.traceId());
        assertThat(span.attr("custody.case.id")).as("%s", span).isEqualTo(caseId);
      });

      ReceivedSpan tool = serverSpan(spans, "echo");
      assertThat(tool.serviceName()).isEqualTo(world.serverService);
      assertThat(spans.isDescendant(tool, root)).as("the tool call is inside the agent's invocation").isTrue();
      assertThat(tool.attr("gen_ai.tool.call.arguments")).isEqualTo("{\"text\":\"Where is A-17?\"}");
      assertThat(spans.where(McpToolCallIT::isNoteCall)).singleElement()
          .satisfies(noteCall -> assertThat(noteCall.parentSpanId()).isEqualTo(tool.spanId()));
      assertThat(world.backend.requests())
          .filteredOn(request -> request.path().equals("/note"))
          .singleElement()
          .satisfies(request -> assertThat(request.baggage()).contains("custody.case.id=" + caseId));
      // langchain4j-mcp's tool calls are LangChain4j's to trace: the MCP instrumentation only carries the context.
      assertThat(spans.where(span -> span.serviceName().equals(world.clientService)))
          .noneMatch(span -> span.scope().startsWith("dev.custody.mcp"));
    }
  }

  private static void assertEachCallIsAClientServerPairInTheCase(Spans spans, ToolWorld world) {
    assertAnswered(world);

    // One trace, one case, in both JVMs.
    assertThat(spans.all()).extracting(ReceivedSpan::serviceName).contains(world.clientService, world.serverService);
    assertThat(spans.all()).allSatisfy(span -> {
      assertThat(span.traceId()).as("%s", span).isEqualTo(TRACE_ID);
      assertThat(span.attr("custody.case.id")).as("%s", span).isEqualTo(CASE_ID);
    });
    assertThat(world.backend.requests())
        .filteredOn(request -> request.path().equals("/note"))
        .singleElement()
        .satisfies(request -> assertThat(request.baggage()).contains("custody.case.id=" + CASE_ID));

    String sessionId = clientSpan(spans, "echo").attr("mcp.session.id");
    assertThat(sessionId).isNotBlank();
    for (String tool : List.of("echo", "fail", "boom")) {
      ReceivedSpan client = clientSpan(spans, tool);
      ReceivedSpan server = serverSpan(spans, tool);
      assertThat(client.serviceName()).isEqualTo(world.clientService);
      assertThat(server.serviceName()).isEqualTo(world.serverService);
      assertThat(server.parentSpanId()).as("server span of %s", tool).isEqualTo(client.spanId());
      for (ReceivedSpan span : List.of(client, server)) {
        assertThat(span.attr("mcp.method.name")).isEqualTo("tools/call");
        assertThat(span.attr("gen_ai.operation.name")).isEqualTo("execute_tool");
        assertThat(span.attr("gen_ai.tool.name")).isEqualTo(tool);
        assertThat(span.attr("mcp.session.id")).isEqualTo(sessionId);
      }
      assertThat(client.attr("mcp.protocol.version")).matches("\\d{4}-\\d{2}-\\d{2}");
    }
    assertThat(List.of("echo", "fail", "boom"))
        .extracting(tool -> clientSpan(spans, tool).attr("jsonrpc.request.id"))
        .doesNotContainNull()
        .doesNotHaveDuplicates();

    ReceivedSpan echoServer = serverSpan(spans, "echo");
    assertThat(List.of(clientSpan(spans, "echo"), echoServer)).allSatisfy(span -> {
      assertThat(span.isError()).isFalse();
      assertThat(span.attr("gen_ai.tool.call.arguments"))
          .isEqualTo("{\"text\":\"Where is A-17? password=[REDACTED:password]\"}");
      assertThat(span.attr("gen_ai.tool.call.result"))
          .isEqualTo("echo: Where is A-17? password=[REDACTED:password] | note: " + NOTE);
      assertThat(span.attr("custody.gen_ai.tool.call.result.hash")).matches("sha256:[0-9a-f]{64}");
    });
    ReceivedSpan noteCall = single(spans.where(McpToolCallIT::isNoteCall));
    assertThat(noteCall.parentSpanId()).as("the tool's own HTTP call").isEqualTo(echoServer.spanId());

    assertThat(List.of(clientSpan(spans, "fail"), serverSpan(spans, "fail"))).allSatisfy(span -> {
      assertThat(span.isError()).isTrue();
      assertThat(span.attr("error.type")).isEqualTo("tool_error");
      assertThat(span.attr("gen_ai.tool.call.result")).isEqualTo("no such order");
    });

    ReceivedSpan boomClient = clientSpan(spans, "boom");
    assertThat(boomClient.isError()).isTrue();
    assertThat(boomClient.proto().getStatus().getMessage()).isEqualTo("kaboom");
    assertThat(boomClient.attr("error.type")).isEqualTo("-32603");
    assertThat(boomClient.attr("rpc.response.status_code")).isEqualTo("-32603");
    ReceivedSpan boomServer = serverSpan(spans, "boom");
    assertThat(boomServer.isError()).isTrue();
    assertThat(boomServer.attr("error.type")).isEqualTo("java.lang.IllegalStateException");

    assertThat(world.receiver.rawBytesContain(world.canary)).as("exported bytes contain the canary").isFalse();
  }

  private static boolean isNoteCall(ReceivedSpan span) {
    return span.kind() == SpanKind.SPAN_KIND_CLIENT && span.attr("url.full") != null
        && span.attr("url.full").endsWith("/note");
  }

  private static ReceivedSpan clientSpan(Spans spans, String tool) {
    return single(spans.where(span -> span.name().equals("tools/call " + tool)
        && span.kind() == SpanKind.SPAN_KIND_CLIENT && span.scope().equals(MCP_SCOPE)));
  }

  private static ReceivedSpan serverSpan(Spans spans, String tool) {
    return single(spans.where(span -> span.name().equals("tools/call " + tool)
        && span.kind() == SpanKind.SPAN_KIND_SERVER && span.scope().equals(MCP_SCOPE)));
  }

  /** The client's answer: echo's text and note, fail's tool error, boom's JSON-RPC error. */
  static void assertAnswered(ToolWorld world) {
    assertThat(world.answer)
        .contains("echo -> echo: Where is A-17? password=" + world.canary + " | note: " + NOTE)
        .contains("fail -> tool error: no such order")
        .contains("boom -> error -32603: kaboom");
  }

  private static ReceivedSpan single(List<ReceivedSpan> spans) {
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  /**
   * The OTLP receiver both JVMs export to, and a scripted model that asks for {@code echo} and also serves the note
   * backend the echo tool calls. Tool content is captured in full, so only the scrubber stands before a canary.
   */
  static final class ToolWorld implements AutoCloseable {
    final OtlpReceiver receiver = new OtlpReceiver();
    /** Every JVM's run, client and server, when the world runs them with the fault agent. */
    final List<ForkedApp.Result> runs = new ArrayList<>();
    private final boolean faults;
    final ScriptedOpenAiServer backend =
        ScriptedOpenAiServer.start(List.of(new ToolCall("echo", "{\"text\":\"Where is A-17?\"}")), ANSWER)
            .serve("/note", NOTE);
    final String canary = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    String clientService;
    String serverService;
    String answer;
    Spans spans;

    ToolWorld() throws Exception {
      this(false);
    }

    /** With {@code faults}, the apps run with the fault agent and no spans are awaited: the runs are all there is. */
    ToolWorld(boolean faults) throws Exception {
      this.faults = faults;
    }

    /** The MCP SDK client service sends one request inside the case; it calls echo, fail and boom. */
    void callTools(String version, Map<String, String> serverProperties, Map<String, String> clientProperties)
        throws Exception {
      clientService = "mcp-client-" + version;
      withToolServer(version, serverProperties, mcpUrl -> {
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
        spans = receiver.awaitSpans(received -> received.named("tools/call").size() == 6
            && !received.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
                && span.serviceName().equals(clientService)).isEmpty()
            && !received.where(McpToolCallIT::isNoteCall).isEmpty());
      });
    }

    /** The LangChain4j agent answers one request, calling echo through langchain4j-mcp. */
    void askAgent(Map<String, String> serverProperties, Map<String, String> clientProperties) throws Exception {
      clientService = "langchain4j-mcp";
      withToolServer("2.1", serverProperties, mcpUrl -> {
        ForkedApp client = agent().property("it.mcp.url", mcpUrl).property("it.model.url", backend.baseUrl());
        clientProperties.forEach(client::property);
        ForkedApp.Result result = client.args("Where is A-17?").runTestApp(clientService);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        answer = result.stdout();
        if (faults) {
          runs.add(result);
          return;
        }
        spans = receiver.awaitSpans(received -> received.named("tools/call echo").size() == 1
            && received.named("invoke_agent").size() == 1 && !received.where(McpToolCallIT::isNoteCall).isEmpty());
      });
    }

    /** Runs {@code client} against a tool server of this SDK version, stopped afterwards. */
    private void withToolServer(String version, Map<String, String> serverProperties, ToolClient client)
        throws Exception {
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

    private ForkedApp agent() {
      ForkedApp agent = ForkedApp.withCustody(receiver).property("custody.capture.tool", "full");
      return faults ? agent.withFaults() : agent;
    }

    private String run(String port) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/run"))
              .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
              .header("baggage", "custody.case.id=" + CASE_ID)
              .POST(HttpRequest.BodyPublishers.ofString("Where is A-17? password=" + canary))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
      backend.close();
      receiver.close();
    }
  }

  private interface ToolClient {
    void run(String mcpUrl) throws Exception;
  }
}
