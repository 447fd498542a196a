package dev.custody.core.mcp;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.JSONRPC_REQUEST_ID;
import static dev.custody.core.CustodyAttributes.MCP_METHOD_NAME;
import static dev.custody.core.CustodyAttributes.MCP_PROTOCOL_VERSION;
import static dev.custody.core.CustodyAttributes.MCP_SESSION_ID;
import static dev.custody.core.CustodyAttributes.RPC_RESPONSE_STATUS_CODE;
import static dev.custody.core.CustodyAttributes.TOOL_CALL_ARGUMENTS_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.core.TestSdk;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class McpCallsTest {

  private static final String CASE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private McpCalls calls;

  @BeforeEach
  void registerSdk() {
    GlobalOpenTelemetry.resetForTest();
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .buildAndRegisterGlobal();
    calls = new McpCalls("test", CompletableFuture.class);
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
    CustodySettings.publish(Map.of());
  }

  @Test
  void theServerSpanIsAChildOfTheClientSpanThroughMetaAndCarriesTheCase() {
    Map<String, Object> sent;
    McpCall client =
        McpCall.clientToolCall("echo", Map.of("text", "hi"), () -> "session-1", () -> "2025-06-18");
    try (Scope ignored =
        Context.root().with(Baggage.builder().put(CASE_ID_KEY, CASE_ID).build()).makeCurrent()) {
      assertThat(calls.startClient(client)).isTrue();
      sent = McpMeta.withContext(client.context(), Map.of("progressToken", "7"));
    }

    Span transport = sdk.getTracer("test").spanBuilder("POST /mcp").setNoParent().startSpan();
    McpCall server = McpCall.serverToolCall("echo", Map.of("text", "hi"), "session-1");
    try (Scope ignored = transport.storeInContext(Context.root()).makeCurrent()) {
      assertThat(calls.startServer(server, sent)).isTrue();
    }
    String caseOnServer = CaseIds.fromContext(server.context());
    server.recordResult("echo: hi", false);
    calls.endWhenDone(server, CompletableFuture.completedFuture("done"), null);
    client.recordRequestId(3);
    calls.endWhenDone(client, CompletableFuture.completedFuture("done"), null);
    transport.end();

    assertThat(sent).containsEntry("progressToken", "7").containsKeys("traceparent", "baggage");
    assertThat(sent.get("baggage")).asString().contains(CASE_ID_KEY + "=" + CASE_ID);
    assertThat(caseOnServer).isEqualTo(CASE_ID);
    SpanData serverSpan = span(SpanKind.SERVER);
    SpanData clientSpan = span(SpanKind.CLIENT);
    assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId());
    assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
    assertThat(serverSpan.getLinks())
        .singleElement()
        .satisfies(link -> assertThat(link.getSpanContext()).isEqualTo(transport.getSpanContext()));
    for (SpanData span : List.of(clientSpan, serverSpan)) {
      assertThat(span.getName()).isEqualTo("tools/call echo");
      assertThat(span.getAttributes().get(MCP_METHOD_NAME)).isEqualTo("tools/call");
      assertThat(span.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
      assertThat(span.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("echo");
      assertThat(span.getAttributes().get(MCP_SESSION_ID)).isEqualTo("session-1");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
    assertThat(clientSpan.getAttributes().get(MCP_PROTOCOL_VERSION)).isEqualTo("2025-06-18");
    assertThat(clientSpan.getAttributes().get(JSONRPC_REQUEST_ID)).isEqualTo("3");
    assertThat(serverSpan.getAttributes().get(GEN_AI_TOOL_CALL_RESULT)).isEqualTo("echo: hi");
  }

  @Test
  void aCallStartedWithoutMetaHasTheCurrentSpanAsParentAndNoLink() {
    Span outer = sdk.getTracer("test").spanBuilder("outer").startSpan();
    McpCall server = McpCall.serverToolCall("echo", null, null);
    try (Scope ignored = outer.storeInContext(Context.root()).makeCurrent()) {
      calls.startServer(server, null);
    }
    calls.endWhenDone(server, null, null);

    assertThat(span(SpanKind.SERVER).getParentSpanId())
        .isEqualTo(outer.getSpanContext().getSpanId());
    assertThat(span(SpanKind.SERVER).getLinks()).isEmpty();
  }

  @Test
  void aJsonRpcErrorSetsItsCodeAsErrorTypeAndItsMessageAsStatus() {
    McpCall client = McpCall.clientToolCall("boom", Map.of(), () -> null, () -> null);
    calls.startClient(client);
    CompletableFuture<String> pending = new CompletableFuture<>();
    calls.endWhenDone(client, pending, null);
    client.recordJsonRpcError(-32603, "kaboom");
    pending.completeExceptionally(new IllegalStateException("kaboom"));

    SpanData span = span(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("kaboom");
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("-32603");
    assertThat(span.getAttributes().get(RPC_RESPONSE_STATUS_CODE)).isEqualTo("-32603");
    assertThat(span.getAttributes().get(MCP_SESSION_ID)).isNull();
  }

  @Test
  void aResultWithIsErrorIsAToolError() {
    McpCall server = McpCall.serverToolCall("fail", Map.of(), "session-1");
    calls.startServer(server, Map.of());
    server.recordResult("bad input", true);
    calls.endWhenDone(server, CompletableFuture.completedFuture("done"), null);

    SpanData span = span(SpanKind.SERVER);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("tool_error");
    assertThat(span.getAttributes().get(RPC_RESPONSE_STATUS_CODE)).isNull();
  }

  @Test
  void aThrownExceptionIsNamedByItsClass() {
    McpCall server = McpCall.serverToolCall("boom", Map.of(), "session-1");
    calls.startServer(server, Map.of());
    calls.endWhenDone(server, null, new IllegalStateException("kaboom"));

    assertThat(span(SpanKind.SERVER).getAttributes().get(ERROR_TYPE))
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void argumentsAreJsonWithEachStringScrubbed() {
    CustodySettings.publish(Map.of("custody.capture.tool", "full"));
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("note", "my password=hunter2");
    arguments.put("count", 2);
    arguments.put("flags", Arrays.asList(true, null, Map.of("nested", "x")));
    McpCall client = McpCall.clientToolCall("echo", arguments, () -> null, () -> null);
    calls.startClient(client);
    calls.endWhenDone(client, null, null);

    SpanData span = span(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS))
        .isEqualTo(
            "{\"note\":\"my password=[REDACTED:password]\",\"count\":2,\"flags\":[true,null,{\"nested\":\"x\"}]}");
    assertThat(span.getAttributes().get(TOOL_CALL_ARGUMENTS_HASH)).matches("sha256:[0-9a-f]{64}");
  }

  private SpanData span(SpanKind kind) {
    List<SpanData> spans =
        exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind).toList();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
