package dev.custody.it;

import static dev.custody.it.harness.ToolLoopTraces.callsAnswered;
import static dev.custody.it.harness.ToolLoopTraces.modelTurns;
import static dev.custody.it.harness.ToolLoopTraces.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on the OpenAI Java SDK 4.x that runs the tools itself, unmodified: one run of its tasks, blocking,
 * given up, failing, asynchronous, streamed and served over HTTP, each read back as the trace it must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiToolLoopIT {

  static final String BLOCKING = "What is the weather and the time in Paris? (blocking)";
  static final String STRICT = "Plan my afternoon in Paris. (strict)";
  static final String UNREACHABLE = "Is the model up? (unreachable)";
  static final String ASYNC = "What is the weather and the time in Paris? (async)";
  static final String STREAMED = "What is the weather and the time in Paris? (streamed)";
  static final String SERVED_STRICT = "Plan my evening in Paris. (served, strict)";
  static final String SERVED_IN_CASE = "What is the weather in Paris? (served in a case)";
  static final String SERVED = "What is the weather in Paris? (served)";
  static final String UPSTREAM_CASE = "0af7651916cd43dd8448eb211c80319c";
  static final String ANSWER = "Sunny and 21 degrees in Paris; the clock is out.";

  private final String apiKey = "sk-proj-canary" + Long.toHexString(System.nanoTime());
  private OtlpReceiver receiver;
  private ScriptedOpenAiServer model;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    receiver = new OtlpReceiver();
    model = scriptedModel();
    result = runTasks(ForkedApp.withCustody(receiver), model, apiKey);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() >= 7
        && received.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).size() >= 3);
  }

  @AfterAll
  void stop() {
    model.close();
    receiver.close();
  }

  @Test
  void aBlockingToolLoopIsOneCaseRootedAtTheCallingClass() {
    assertThat(result.stdout()).contains("ANSWER blocking: " + ANSWER);
    ReceivedSpan root = root(spans, BLOCKING);
    assertThat(root.name()).isEqualTo("invoke_agent WeatherAgent");
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.isError()).isFalse();
    assertThat(root.attr("gen_ai.agent.name")).isEqualTo("WeatherAgent");
    assertThat(root.attr("custody.intent.objective"))
        .isEqualTo("You are a weather desk. Use the tools before answering.");
    assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, root, BLOCKING);
  }

  @Test
  void aLoopGivenUpAfterItsToolCallsEndsAsUnansweredWhenTheThreadStartsTheNextTask() {
    assertThat(result.stdout()).contains("FAILED strict: example.openai.WeatherTools$ToolFailure");
    ReceivedSpan root = root(spans, STRICT);
    assertThat(root.isError()).isTrue();
    assertThat(root.attr("error.type")).isEqualTo("dev.custody.core.cases.UnansweredToolCalls");
    assertThat(root.proto().getEvents(0).getAttributesList())
        .anySatisfy(attribute -> assertThat(attribute.getValue().getStringValue())
            .isEqualTo("the model's last tool calls were never answered: the thread started another task"));
    List<ReceivedSpan> modelTurns = modelTurns(spans, root);
    assertThat(modelTurns).singleElement()
        .satisfies(turn -> assertThat(turn.attrList("custody.gen_ai.tool_calls.requested")).hasSize(2));
  }

  @Test
  void aFailingModelCallEndsItsLoopWithTheError() {
    assertThat(result.stdout()).contains("FAILED unreachable: com.openai.errors.NotFoundException");
    ReceivedSpan root = root(spans, UNREACHABLE);
    assertThat(root.isError()).isTrue();
    assertThat(root.attr("error.type")).isEqualTo("com.openai.errors.NotFoundException");
    assertThat(modelTurns(spans, root)).singleElement().satisfies(turn -> assertThat(turn.isError()).isTrue());
  }

  @Test
  void anAsynchronousLoopIsOneCaseAcrossTheThreadsItsCallbacksRunOn() {
    assertThat(result.stdout()).contains("ANSWER async: " + ANSWER);
    assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, root(spans, ASYNC), ASYNC);
  }

  @Test
  void aStreamedLoopIsOneCaseEndingWithTheStreamedAnswer() {
    assertThat(result.stdout()).contains("ANSWER streamed: " + ANSWER);
    assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, root(spans, STREAMED), STREAMED);
  }

  @Test
  void aServedLoopGivenUpEndsWithTheRequestAndLeavesTheServerThreadClean() {
    ReceivedSpan givenUp = root(spans, SERVED_STRICT);
    ReceivedSpan server = spans.parentOf(givenUp);
    assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(givenUp.isError()).isTrue();
    assertThat(givenUp.attr("error.type")).isEqualTo("dev.custody.core.cases.UnansweredToolCalls");
    assertThat(givenUp.proto().getEndTimeUnixNano()).isLessThanOrEqualTo(server.proto().getEndTimeUnixNano());

    // The next requests on the same dispatcher thread start from nothing: their own server spans, their own cases.
    ReceivedSpan next = root(spans, SERVED);
    ReceivedSpan nextServer = spans.parentOf(next);
    assertThat(nextServer.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(nextServer.parentSpanId()).isEmpty();
    assertThat(nextServer.traceId()).isNotEqualTo(server.traceId());
    assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, next, SERVED);
  }

  @Test
  void aLoopInsideACaseAlreadyOpenJoinsItWithoutARootOfItsOwn() {
    ReceivedSpan server =
        spans.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
            && UPSTREAM_CASE.equals(span.attr("custody.case.id"))).get(0);
    List<ReceivedSpan> inCase = spans.descendantsOf(server);
    assertThat(inCase).noneMatch(span -> span.name().startsWith("invoke_agent"));
    assertThat(inCase).filteredOn(span -> span.name().startsWith("chat")).hasSize(2)
        .allSatisfy(turn -> assertThat(turn.attr("custody.case.id")).isEqualTo(UPSTREAM_CASE));
  }

  @Test
  void theOldestSdkWithTheEarlierToolCallShapeLeavesTheSameTrace() throws Exception {
    try (OtlpReceiver oldReceiver = new OtlpReceiver(); ScriptedOpenAiServer oldModel = scriptedModel()) {
      ForkedApp.Result old =
          ForkedApp.withCustody(oldReceiver)
              .property("it.model.url", oldModel.baseUrl())
              .property("it.backend.url", oldModel.url(""))
              .args(BLOCKING)
              .runTestApp("openai-java-1");
      assertThat(old.stdout()).as(old.stderr()).contains("ANSWER blocking: " + ANSWER);
      Spans oldSpans = oldReceiver.awaitSpans(received -> received.all().size() >= 6);
      ReceivedSpan root = root(oldSpans, BLOCKING);
      assertThat(root.name()).isEqualTo("invoke_agent WeatherAgent");
      assertThat(root.parentSpanId()).isEmpty();
      assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(oldSpans, oldModel, root, BLOCKING);
    }
  }

  @Test
  void theApiKeyIsNeverExported() {
    assertThat(model.requests()).anySatisfy(request ->
        assertThat(request.authorization()).isEqualTo("Bearer " + apiKey));
    assertThat(receiver.rawBytesContain(apiKey)).isFalse();
  }

  /**
   * The loop's trace: right under the root, both model turns (the agent's own {@code chat} spans, each with its HTTP
   * call) and the weather tool's call to its backend; the first turn names the tool calls the model returned; every
   * span carries the root's case id.
   */
  private static void assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(
      Spans spans, ScriptedOpenAiServer model, ReceivedSpan root, String question) {
    List<ReceivedSpan> trace = spans.where(span -> span.traceId().equals(root.traceId()));
    List<ReceivedSpan> inside = spans.descendantsOf(root);
    assertThat(root.isError()).isFalse();
    assertThat(root.attr("custody.intent.prompt")).isEqualTo(question);

    List<ReceivedSpan> modelTurns = modelTurns(spans, root);
    assertThat(modelTurns).hasSize(2).allSatisfy(turn -> {
      assertThat(turn.scope()).isEqualTo("io.opentelemetry.openai-java-1.1");
      assertThat(turn.name()).isEqualTo("chat scripted-model");
    });
    assertThat(modelTurns.get(0).attrList("custody.gen_ai.tool_calls.requested"))
        .containsExactlyElementsOf(callsAnswered(
            model.requests().stream().map(ScriptedOpenAiServer.Request::body).toList(), question, "tool_call_id",
            List.of("get_weather", "get_time")));
    assertThat(modelTurns.get(1).has("custody.gen_ai.tool_calls.requested")).isFalse();
    assertThat(inside).filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
            && span.attr("url.full").endsWith("/v1/chat/completions"))
        .hasSize(2);
    assertThat(modelTurns).allSatisfy(turn -> assertThat(turn.parentSpanId()).isEqualTo(root.spanId()));
    assertThat(inside).filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
            && span.attr("url.full").endsWith("/weather/Paris"))
        .singleElement()
        .satisfies(backendCall -> assertThat(backendCall.parentSpanId()).isEqualTo(root.spanId()));
    assertThat(inside)
        .allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id")));
    assertThat(trace).as("the trace holds the task, under whatever was around it")
        .allMatch(span -> span == root || inside.contains(span) || spans.isDescendant(root, span));
  }

  /**
   * Runs the app's tasks (blocking, given up, failing, asynchronous, streamed) and asks it three questions over HTTP
   * (the first fails, the second inside an upstream case), checking what it served.
   */
  static ForkedApp.Result runTasks(ForkedApp app, ScriptedOpenAiServer model, String apiKey) throws Exception {
    ForkedApp.Running running =
        app.property("it.model.url", model.baseUrl())
            .property("it.unreachable.model.url", model.url("/unreachable/v1"))
            .property("it.backend.url", model.url(""))
            .property("it.serve.requests", "3")
            .env("IT_MODEL_API_KEY", apiKey)
            .args("blocking=" + BLOCKING, "strict=" + STRICT, "unreachable=" + UNREACHABLE, "async=" + ASYNC,
                "streamed=" + STREAMED)
            .startTestApp("openai-java");
    String port = running.awaitLine("LISTENING ");
    assertThat(ask(port, "strict", SERVED_STRICT, null).statusCode()).isEqualTo(500);
    assertThat(ask(port, "", SERVED_IN_CASE, UPSTREAM_CASE).body()).isEqualTo(ANSWER);
    assertThat(ask(port, "", SERVED, null).body()).isEqualTo(ANSWER);
    return running.waitForExit();
  }

  /** A model that asks for the weather and the time in Paris, then answers; it also serves the weather backend. */
  static ScriptedOpenAiServer scriptedModel() throws IOException {
    return ScriptedOpenAiServer.start(
            List.of(
                new ToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("get_time", "{\"city\":\"Paris\"}")),
            ANSWER)
        .serve("/weather/Paris", "sunny, 21 degrees");
  }

  private static HttpResponse<String> ask(String port, String query, String question, String caseId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask" + (query.isEmpty() ? "" : "?" + query)))
            .POST(HttpRequest.BodyPublishers.ofString(question));
    if (caseId != null) {
      request.header("baggage", "custody.case.id=" + caseId);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
