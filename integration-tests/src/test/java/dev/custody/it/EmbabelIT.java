package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
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
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unmodified Embabel 0.5 app ({@code test-apps/embabel-0.5}, on a JDK 21+) whose agent's one
 * action asks Spring AI's OpenAI model, answered by the scripted server, and runs the two tools it
 * asks for, one failing: two tasks, each one case of its agent process, its action, the model turns
 * (once each: Spring AI's) and the tool calls; no byte exported holds a {@link Canaries canary}.
 */
class EmbabelIT {

  static final String REQUEST = "Should I pack an umbrella for Paris?";
  static final String SECOND_REQUEST = "Is it sunny in Paris this week?";
  static final String ANSWER = "Take an umbrella: rain in Paris.";
  static final String FORECAST = "rain, 12C";
  static final String GOAL = "The traveller knows what weather to expect";
  static final String ACTION = "dev.custody.testapps.embabel.TripDeskAgent.advise";
  static final String OUR_SCOPE = "dev.custody.embabel-0.5";

  /**
   * A task's spans: the process, its action, two model turns with their HTTP calls, two tool calls
   * and the weather backend's HTTP call.
   */
  static final int SPANS_PER_TASK = 9;

  @Test
  void eachTaskIsOneCaseOfItsProcessActionModelTurnsAndTools() throws Exception {
    Canaries canaries = new Canaries();
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = model(canaries)) {
      ForkedApp.Result result = app(canaries, receiver, model).runTestApp("embabel-0.5");
      assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
      assertThat(result.stdout().split("ANSWER: " + ANSWER, -1)).hasSize(3);

      Spans spans = receiver.awaitSpans(received -> received.all().size() >= 2 * SPANS_PER_TASK);
      assertThat(spans.all()).as("no duplicate span").hasSize(2 * SPANS_PER_TASK);
      assertThat(spans.byTrace()).as("one trace per task").hasSize(2);
      List<String> caseIds =
          List.of(REQUEST, SECOND_REQUEST).stream().map(r -> assertTask(spans, r)).toList();
      assertThat(caseIds).doesNotHaveDuplicates();

      canaries.assertPlantedAndNeverExported(model, receiver);
    }
  }

  /** The scripted model: asks for both tools, then answers; the forecast carries a token. */
  static ScriptedOpenAiServer model(Canaries canaries) throws Exception {
    return ScriptedOpenAiServer.start(
            List.of(
                new ToolCall("getWeather", "{\"city\":\"Paris\"}"),
                new ToolCall("getAlerts", "{\"city\":\"Paris\"}")),
            ANSWER)
        .serve("/weather/Paris", canaries.backendText(FORECAST));
  }

  /** The Embabel app with the Custody agent, on a JDK 21+, given both requests as two tasks. */
  static ForkedApp app(Canaries canaries, OtlpReceiver receiver, ScriptedOpenAiServer model) {
    return canaries
        .plantIn(ForkedApp.withCustody(receiver))
        .javaHome(System.getProperty("custody.java21.home"))
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""))
        .args(REQUEST, SECOND_REQUEST);
  }

  /** The trace of one task, as an investigator sees it; returns its case id. */
  private static String assertTask(Spans spans, String request) {
    List<ReceivedSpan> roots =
        spans.where(span -> request.equals(span.attr("custody.intent.prompt")));
    assertThat(roots).as("the case of %s", request).hasSize(1);

    ExpectedSpan asking =
        modelTurn()
            .has("gen_ai.response.finish_reasons", List.of("tool_calls"))
            .has("gen_ai.input.messages", v -> v.contains(request))
            .children(httpCall());
    ExpectedSpan weather =
        toolCall("getWeather", asking)
            .noError()
            .has("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}")
            .has("gen_ai.tool.call.result", Canaries.redactedBackendText(FORECAST))
            .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/weather/Paris")));
    ExpectedSpan alerts =
        toolCall("getAlerts", asking).error().has("error.type", "java.lang.IllegalStateException");
    ExpectedSpan answering =
        modelTurn()
            .has("gen_ai.response.finish_reasons", List.of("stop"))
            .has("gen_ai.output.messages", v -> v.contains(ANSWER))
            .children(httpCall());
    ExpectedSpan action =
        span("action " + ACTION)
            .kind(INTERNAL)
            .scope(OUR_SCOPE)
            .noError()
            .has("custody.agent.action", ACTION)
            .childrenInAnyOrder(asking, weather, alerts, answering);
    ExpectedSpan root =
        span("invoke_agent TripDesk")
            .kind(INTERNAL)
            .scope(OUR_SCOPE)
            .has("gen_ai.operation.name", "invoke_agent")
            .has("gen_ai.agent.name", "TripDesk")
            .has("custody.intent.prompt", request)
            .has("custody.intent.objective", GOAL)
            .has("custody.record.missing", List.of("workload_identity"))
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .children(action);

    TraceAssert trace = assertThat(spans.traceOf(roots.get(0))).hasTree(root);
    String caseId = trace.received(root).attr("custody.case.id");
    trace.everySpanHas("custody.case.id", caseId);
    assertThat(trace.received(asking).attrList("custody.gen_ai.tool_calls.requested"))
        .containsExactly(
            "getWeather:" + trace.received(weather).attr("gen_ai.tool.call.id"),
            "getAlerts:" + trace.received(alerts).attr("gen_ai.tool.call.id"));
    return caseId;
  }

  /** A model turn, traced by the Spring AI instrumentation as Embabel calls the model. */
  private static ExpectedSpan modelTurn() {
    return span("chat scripted-model")
        .kind(CLIENT)
        .scope("dev.custody.spring-ai-1.1")
        .has("gen_ai.provider.name", "openai")
        .has("gen_ai.request.model", "scripted-model");
  }

  /** A call of the tool loop, ours, linked to the model turn that asked for it. */
  private static ExpectedSpan toolCall(String tool, ExpectedSpan asking) {
    return span("execute_tool " + tool).kind(INTERNAL).scope(OUR_SCOPE).linksTo(asking);
  }

  private static ExpectedSpan httpCall() {
    return span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions"));
  }
}
