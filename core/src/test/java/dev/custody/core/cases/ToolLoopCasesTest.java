package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.weather.WeatherDesk;
import dev.custody.bootstrap.CustodySettings;
import dev.custody.bootstrap.YieldingScopes;
import dev.custody.core.TestSdk;
import dev.custody.core.genai.GenAiMessage;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolLoopCasesTest {

  private static final ToolLoopRequest QUESTION =
      new ToolLoopRequest(List.of(), "What is the weather in Paris?", "You are a weather desk.");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private ToolLoopCases loops;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    YieldingScopes.enforce();
    loops = new ToolLoopCases("test", "com.example.sdk.", "sdk");
  }

  @AfterEach
  void resetGlobals() {
    assertThat(Context.current()).as("every loop left the thread").isSameAs(Context.root());
    TestSdk.closeGlobal(sdk);
    CustodySettings.publish(Map.of());
  }

  @Test
  void aLoopRunsFromTheFirstCallToTheAnswerThatAsksForNoTool() {
    ToolLoop first = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(first, calls("call_1", "call_2"), null);
    String caseWhileToolsRun = CaseIds.fromContext(Context.current());
    Span toolWork = GlobalOpenTelemetry.getTracer("test").spanBuilder("GET /weather").startSpan();
    toolWork.end();

    ToolLoop second = WeatherDesk.ask(loops, answering("call_1", "call_2"));
    loops.afterModelCall(second, List.of(), null);

    assertThat(second).isSameAs(first);
    assertThat(caseWhileToolsRun).matches("[0-9a-f]{32}");
    SpanData root = span("invoke_agent");
    assertThat(root.getName()).isEqualTo("invoke_agent WeatherDesk");
    assertThat(root.getAttributes().get(GEN_AI_AGENT_NAME)).isEqualTo("WeatherDesk");
    assertThat(root.getAttributes().get(INTENT_PROMPT)).isEqualTo("What is the weather in Paris?");
    assertThat(root.getAttributes().get(INTENT_OBJECTIVE)).isEqualTo("You are a weather desk.");
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span("GET /weather").getParentSpanId()).isEqualTo(root.getSpanId());
  }

  @Test
  void withoutASystemMessageTheObjectiveIsTheApplicationMethodThatCalledTheModel() {
    ToolLoop loop = WeatherDesk.ask(loops, new ToolLoopRequest(List.of(), "Hi", null));
    loops.afterModelCall(loop, List.of(), null);

    assertThat(span("invoke_agent").getAttributes().get(INTENT_OBJECTIVE))
        .isEqualTo("WeatherDesk.ask");
  }

  @Test
  void aFailedModelCallEndsTheLoopWithItsError() {
    ToolLoop loop = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(loop, List.of(), new IllegalStateException("429 Too Many Requests"));

    SpanData root = span("invoke_agent");
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(root.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void aCallInsideACaseSomeoneElseOpenedOpensNothing() {
    Context inCase =
        Context.root()
            .with(Baggage.builder().put(CASE_ID_KEY, "4bf92f3577b34da6a3ce929d0e0e4736").build());
    try (Scope ignored = inCase.makeCurrent()) {
      assertThat(WeatherDesk.ask(loops, QUESTION)).isNull();
    }
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aNewTaskOnTheThreadEndsTheLoopWhoseToolCallsWereNeverAnswered() {
    ToolLoop abandoned = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(abandoned, calls("call_1"), null);

    ToolLoop next = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(next, List.of(), null);

    assertThat(next).isNotSameAs(abandoned);
    List<SpanData> roots = exporter.getFinishedSpanItems();
    assertThat(roots).hasSize(2);
    assertThat(roots.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(roots.get(0).getAttributes().get(ERROR_TYPE))
        .isEqualTo(UnansweredToolCalls.class.getName());
    assertThat(roots.get(1).getParentSpanId())
        .as("not nested in the abandoned loop")
        .isEqualTo(SpanId.getInvalid());
    assertThat(roots.get(1).getTraceId()).isNotEqualTo(roots.get(0).getTraceId());
  }

  @Test
  void aCallSendingBackOtherToolResultsStartsANewTask() {
    ToolLoop first = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(first, calls("call_1"), null);

    ToolLoop next = WeatherDesk.ask(loops, answering("call_from_an_old_conversation"));
    loops.afterModelCall(next, List.of(), null);

    assertThat(next).isNotSameAs(first);
  }

  @Test
  void toolCallsWithoutIdsAreContinuedByAnyToolResult() {
    ToolLoop first = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(first, calls((String) null), null);

    ToolLoop next = WeatherDesk.ask(loops, answering(""));
    loops.afterModelCall(next, List.of(), null);

    assertThat(next).isSameAs(first);
  }

  @Test
  void aLoopGivesWayWhenTheScopeAroundItCloses() {
    ToolLoop loop = WeatherDesk.ask(loops, QUESTION);
    loops.afterModelCall(loop, calls("call_1"), null);

    // What the context storage wrapper does when an enclosing scope closes while the loop is
    // current.
    YieldingScopes.giveWay(Context::current);

    SpanData root = span("invoke_agent");
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(root.getEvents())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
                    .isEqualTo(
                        "the model's last tool calls were never answered: the work it ran in ended"));
  }

  private static List<GenAiMessage.Part> calls(String... ids) {
    return Arrays.stream(ids)
        .map(id -> GenAiMessage.Part.toolCall(id, "get_weather", "{}"))
        .toList();
  }

  private static ToolLoopRequest answering(String... callIds) {
    return new ToolLoopRequest(List.of(callIds), "What is the weather in Paris?", null);
  }

  private SpanData span(String prefix) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().startsWith(prefix))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no span " + prefix + " in " + exporter.getFinishedSpanItems()));
  }
}
