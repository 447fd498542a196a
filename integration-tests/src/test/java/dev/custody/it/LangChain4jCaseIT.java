package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.OrderAgentApp;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A LangChain4j AI service call, unmodified, becomes one case: its root, its intent, and the stock spans inside. */
class LangChain4jCaseIT {

  static final String REQUEST = "Where is my order A-17?";

  @Test
  void aiServiceCallIsOneTraceRootedAtInvokeAgentWithIntentAndCaseIdOnEverySpan() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.run(desk.app(), REQUEST);
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST);

      ReceivedSpan root = spans.one("invoke_agent");
      assertThat(root.name()).isEqualTo("invoke_agent OrderAssistant");
      assertThat(root.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
      assertThat(root.parentSpanId()).isEmpty();
      assertThat(root.serviceName()).isEqualTo("OrderAgentApp");
      assertThat(root.attr("gen_ai.operation.name")).isEqualTo("invoke_agent");
      assertThat(root.attr("gen_ai.agent.name")).isEqualTo("OrderAssistant");
      assertThat(root.attr("custody.intent.prompt")).isEqualTo(REQUEST);
      assertThat(root.attr("custody.intent.prompt.hash")).isEqualTo("sha256:" + sha256(REQUEST));
      assertThat(root.attr("custody.intent.objective"))
          .isEqualTo("You are an order desk assistant. Look orders up before answering.");
      assertThat(root.attr("custody.workload.id")).isEqualTo("unknown");
      assertThat(root.attr("custody.record.complete")).isEqualTo("false");
      assertThat(root.attrList("custody.record.missing")).containsExactly("workload_identity");

      String caseId = root.attr("custody.case.id");
      assertThat(caseId).matches("[0-9a-f]{32}");
      assertThat(spans.byTrace()).as("one trace for the case").hasSize(1);
      assertThat(spans.all()).allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));

      List<ReceivedSpan> modelCalls =
          spans.where(span -> span.has("url.full") && span.attr("url.full").endsWith("/v1/chat/completions"));
      assertThat(modelCalls).as("the tool-call turn and the answer turn").hasSize(2);
      assertThat(modelCalls).allSatisfy(call -> {
        assertThat(call.scope()).isEqualTo("io.opentelemetry.java-http-client");
        ReceivedSpan turn = spans.parentOf(call);
        assertThat(turn.name()).isEqualTo("chat scripted-model");
        assertThat(turn.parentSpanId()).isEqualTo(root.spanId());
      });

      ReceivedSpan backendCall =
          spans.where(span -> span.has("url.full") && span.attr("url.full").endsWith("/orders/A-17")).get(0);
      ReceivedSpan toolCall = spans.parentOf(backendCall);
      assertThat(toolCall.name()).as("the tool's call from its worker pool").isEqualTo("execute_tool lookupOrder");
      assertThat(toolCall.parentSpanId()).isEqualTo(root.spanId());
    }
  }

  @Test
  void aCaseIdArrivingInBaggageOverHttpIsKeptAndTravelsOn() throws Exception {
    String upstreamCase = "0af7651916cd43dd8448eb211c80319c";
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app = desk.app().property("it.serve.requests", "1").startMain(OrderAgentApp.class);
      String port = app.awaitLine("LISTENING ");
      HttpRequest ask =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask"))
              .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
              .header("baggage", "custody.case.id=" + upstreamCase)
              .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
              .build();
      assertThat(HttpClient.newHttpClient().send(ask, HttpResponse.BodyHandlers.ofString()).body())
          .isEqualTo(OrderDesk.ANSWER);
      assertThat(app.waitForExit().exitCode()).isZero();

      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST + 1);
      ReceivedSpan server = spans.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).get(0);
      ReceivedSpan root = spans.one("invoke_agent");
      assertThat(root.parentSpanId()).isEqualTo(server.spanId());
      assertThat(root.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(spans.all()).allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(upstreamCase));
      assertThat(desk.model.requests())
          .filteredOn(request -> request.path().startsWith("/orders/"))
          .singleElement()
          .satisfies(request -> assertThat(request.baggage()).contains("custody.case.id=" + upstreamCase));
    }
  }

  static String sha256(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
