package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.OrderDesk.lookupOrder;
import static dev.custody.it.harness.OrderDesk.modelTurn;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.OrderAgentApp;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A LangChain4j AI service call, unmodified, becomes one case: its root, its intent, and the stock
 * spans inside.
 */
class LangChain4jCaseIT {

  static final String REQUEST = "Where is my order A-17?";

  @Test
  void aiServiceCallIsOneTraceRootedAtInvokeAgentWithIntentAndCaseIdOnEverySpan() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.run(desk.app(), REQUEST);
      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST);

      ExpectedSpan root =
          span("invoke_agent OrderAssistant")
              .kind(INTERNAL)
              .service("OrderAgentApp")
              .has("gen_ai.operation.name", "invoke_agent")
              .has("gen_ai.agent.name", "OrderAssistant")
              .has("custody.intent.prompt", REQUEST)
              .has("custody.intent.prompt.hash", "sha256:" + sha256(REQUEST))
              .has(
                  "custody.intent.objective",
                  "You are an order desk assistant. Look orders up before answering.")
              .has("custody.workload.id", "unknown")
              .has("custody.record.complete", "false")
              .has("custody.record.missing", List.of("workload_identity"))
              .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
              .children(modelTurn(), lookupOrder(), modelTurn());
      TraceAssert trace = assertThat(spans).hasTree(root);
      trace.everySpanHas("custody.case.id", trace.received(root).attr("custody.case.id"));
    }
  }

  @Test
  void aCaseIdArrivingInBaggageOverHttpIsKeptAndTravelsOn() throws Exception {
    String upstreamCase = "0af7651916cd43dd8448eb211c80319c";
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app =
          desk.app().property("it.serve.requests", "1").startMain(OrderAgentApp.class);
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

      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST + 1);
      assertThat(spans.byTrace()).containsOnlyKeys("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(spans)
          .hasTree(
              span("POST /ask")
                  .kind(SERVER)
                  .childOf("00f067aa0ba902b7")
                  .children(
                      span("invoke_agent OrderAssistant")
                          .kind(INTERNAL)
                          .children(modelTurn(), lookupOrder(), modelTurn())))
          .everySpanHas("custody.case.id", upstreamCase);
      assertThat(desk.model.requests())
          .filteredOn(request -> request.path().startsWith("/orders/"))
          .singleElement()
          .satisfies(
              request -> assertThat(request.baggage()).contains("custody.case.id=" + upstreamCase));
    }
  }

  static String sha256(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
