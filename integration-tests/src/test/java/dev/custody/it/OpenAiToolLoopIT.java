package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.ToolLoopTraces.assertCase;
import static dev.custody.it.harness.ToolLoopTraces.callsAnswered;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on the OpenAI Java SDK 4.x that runs the tools itself, unmodified: one run of its
 * tasks, blocking, given up, failing, asynchronous, streamed and served over HTTP, each read back
 * as the trace it must leave.
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
    spans =
        receiver.awaitSpans(
            received ->
                received.named("invoke_agent").size() >= 7
                    && received.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).size()
                        >= 3);
  }

  @AfterAll
  void stop() {
    model.close();
    receiver.close();
  }

  @Test
  void aBlockingToolLoopIsOneCaseRootedAtTheCallingClass() {
    assertThat(result.stdout()).contains("ANSWER blocking: " + ANSWER);
    assertCase(
        spans,
        BLOCKING,
        toolLoop(model, BLOCKING)
            .has("gen_ai.agent.name", "WeatherAgent")
            .has(
                "custody.intent.objective",
                "You are a weather desk. Use the tools before answering."));
  }

  @Test
  void aLoopGivenUpAfterItsToolCallsEndsAsUnansweredWhenTheThreadStartsTheNextTask() {
    assertThat(result.stdout()).contains("FAILED strict: example.openai.WeatherTools$ToolFailure");
    assertCase(
        spans,
        STRICT,
        span("invoke_agent WeatherAgent")
            .kind(INTERNAL)
            .error()
            .has("error.type", "dev.custody.core.cases.UnansweredToolCalls")
            .satisfies(
                "an event says why",
                root ->
                    assertThat(root.proto().getEvents(0).getAttributesList())
                        .anySatisfy(
                            attribute ->
                                assertThat(attribute.getValue().getStringValue())
                                    .isEqualTo(
                                        "the model's last tool calls were never answered: the thread started another task")))
            .children(
                modelTurn()
                    .satisfies(
                        "two tool calls requested",
                        turn ->
                            assertThat(turn.attrList("custody.gen_ai.tool_calls.requested"))
                                .hasSize(2)),
                weatherCall()));
  }

  @Test
  void aFailingModelCallEndsItsLoopWithTheError() {
    assertThat(result.stdout()).contains("FAILED unreachable: com.openai.errors.NotFoundException");
    assertCase(
        spans,
        UNREACHABLE,
        span("invoke_agent WeatherAgent")
            .kind(INTERNAL)
            .error()
            .has("error.type", "com.openai.errors.NotFoundException")
            .children(
                span("chat scripted-model").error().children(span("POST").kind(CLIENT).error())));
  }

  @Test
  void anAsynchronousLoopIsOneCaseAcrossTheThreadsItsCallbacksRunOn() {
    assertThat(result.stdout()).contains("ANSWER async: " + ANSWER);
    assertCase(spans, ASYNC, toolLoop(model, ASYNC));
  }

  @Test
  void aStreamedLoopIsOneCaseEndingWithTheStreamedAnswer() {
    assertThat(result.stdout()).contains("ANSWER streamed: " + ANSWER);
    assertCase(spans, STREAMED, toolLoop(model, STREAMED));
  }

  @Test
  void aServedLoopGivenUpEndsWithTheRequestAndLeavesTheServerThreadClean() {
    ExpectedSpan givenUp =
        span("invoke_agent WeatherAgent")
            .kind(INTERNAL)
            .error()
            .has("error.type", "dev.custody.core.cases.UnansweredToolCalls")
            .children(modelTurn(), weatherCall());
    ExpectedSpan server = span("POST /ask").kind(SERVER).children(givenUp);
    TraceAssert trace = assertCase(spans, SERVED_STRICT, server);
    assertThat(trace.received(givenUp).endNanos())
        .isLessThanOrEqualTo(trace.received(server).endNanos());

    // The next requests on the same dispatcher thread start from nothing: their own server spans,
    // their own cases.
    ExpectedSpan nextServer = span("POST /ask").kind(SERVER).children(toolLoop(model, SERVED));
    TraceAssert next = assertCase(spans, SERVED, nextServer);
    assertThat(next.received(nextServer).traceId()).isNotEqualTo(trace.received(server).traceId());
  }

  @Test
  void aLoopInsideACaseAlreadyOpenJoinsItWithoutARootOfItsOwn() {
    ReceivedSpan server =
        spans
            .where(
                span ->
                    span.kind() == SpanKind.SPAN_KIND_SERVER
                        && UPSTREAM_CASE.equals(span.attr("custody.case.id")))
            .get(0);
    assertThat(spans.traceOf(server))
        .hasTree(span("POST /ask").kind(SERVER).children(modelTurn(), weatherCall(), modelTurn()))
        .everySpanHas("custody.case.id", UPSTREAM_CASE);
  }

  @Test
  void theOldestSdkWithTheEarlierToolCallShapeLeavesTheSameTrace() throws Exception {
    try (OtlpReceiver oldReceiver = new OtlpReceiver();
        ScriptedOpenAiServer oldModel = scriptedModel()) {
      ForkedApp.Result old =
          ForkedApp.withCustody(oldReceiver)
              .property("it.model.url", oldModel.baseUrl())
              .property("it.backend.url", oldModel.url(""))
              .args(BLOCKING)
              .runTestApp("openai-java-1");
      assertThat(old.stdout()).as(old.stderr()).contains("ANSWER blocking: " + ANSWER);
      Spans oldSpans = oldReceiver.awaitSpans(received -> received.all().size() >= 6);
      assertCase(oldSpans, BLOCKING, toolLoop(oldModel, BLOCKING));
    }
  }

  @Test
  void theApiKeyIsNeverExported() {
    assertThat(model.requests())
        .anySatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + apiKey));
    assertThat(receiver.rawBytesContain(apiKey)).isFalse();
  }

  /**
   * A loop that got its answer: right under the root, both model turns (the agent's own {@code
   * chat} spans, each with its HTTP call) and the weather tool's call to its backend; the first
   * turn names the tool calls the model returned.
   */
  private static ExpectedSpan toolLoop(ScriptedOpenAiServer model, String question) {
    List<String> requestBodies =
        model.requests().stream().map(ScriptedOpenAiServer.Request::body).toList();
    return span("invoke_agent WeatherAgent")
        .kind(INTERNAL)
        .noError()
        .has("custody.intent.prompt", question)
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
        .children(
            modelTurn()
                .has(
                    "custody.gen_ai.tool_calls.requested",
                    callsAnswered(
                        requestBodies,
                        question,
                        "tool_call_id",
                        List.of("get_weather", "get_time"))),
            weatherCall(),
            modelTurn().lacks("custody.gen_ai.tool_calls.requested"));
  }

  /**
   * Runs the app's tasks (blocking, given up, failing, asynchronous, streamed) and asks it three
   * questions over HTTP (the first fails, the second inside an upstream case), checking what it
   * served.
   */
  static ForkedApp.Result runTasks(ForkedApp app, ScriptedOpenAiServer model, String apiKey)
      throws Exception {
    ForkedApp.Running running =
        app.property("it.model.url", model.baseUrl())
            .property("it.unreachable.model.url", model.url("/unreachable/v1"))
            .property("it.backend.url", model.url(""))
            .property("it.serve.requests", "3")
            .env("IT_MODEL_API_KEY", apiKey)
            .args(
                "blocking=" + BLOCKING,
                "strict=" + STRICT,
                "unreachable=" + UNREACHABLE,
                "async=" + ASYNC,
                "streamed=" + STREAMED)
            .startTestApp("openai-java");
    String port = running.awaitLine("LISTENING ");
    assertThat(ask(port, "strict", SERVED_STRICT, null).statusCode()).isEqualTo(500);
    assertThat(ask(port, "", SERVED_IN_CASE, UPSTREAM_CASE).body()).isEqualTo(ANSWER);
    assertThat(ask(port, "", SERVED, null).body()).isEqualTo(ANSWER);
    return running.waitForExit();
  }

  /** A model turn, as the stock agent's OpenAI instrumentation traces it, with its HTTP call. */
  private static ExpectedSpan modelTurn() {
    return span("chat scripted-model")
        .scope("io.opentelemetry.openai-java-1.1")
        .has("gen_ai.operation.name", "chat")
        .children(
            span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions")));
  }

  /**
   * The weather tool's call to its backend: the tool runs in the application's code, so no span of
   * its own.
   */
  private static ExpectedSpan weatherCall() {
    return span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/weather/Paris"));
  }

  /**
   * A model that asks for the weather and the time in Paris, then answers; it also serves the
   * weather backend.
   */
  static ScriptedOpenAiServer scriptedModel() throws IOException {
    return ScriptedOpenAiServer.start(
            List.of(
                new ToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("get_time", "{\"city\":\"Paris\"}")),
            ANSWER)
        .serve("/weather/Paris", "sunny, 21 degrees");
  }

  private static HttpResponse<String> ask(String port, String query, String question, String caseId)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + port + "/ask" + (query.isEmpty() ? "" : "?" + query)))
            .POST(HttpRequest.BodyPublishers.ofString(question));
    if (caseId != null) {
      request.header("baggage", "custody.case.id=" + caseId);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
