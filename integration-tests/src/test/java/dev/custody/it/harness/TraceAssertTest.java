package dev.custody.it.harness;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree assertion passes on the tree it describes and fails, saying why, on every way a trace
 * can differ.
 */
class TraceAssertTest {

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CASE = "0af7651916cd43dd8448eb211c80319c";

  /** A small case: a model turn with its HTTP call, then a tool with its own. */
  static final List<ReceivedSpan> CASE_SPANS =
      List.of(
          received(
              1,
              0,
              "invoke_agent TravelAssistant",
              SpanKind.SPAN_KIND_INTERNAL,
              "custody.intent.prompt",
              "Lisbon?"),
          received(
              2, 1, "chat gpt-4o", SpanKind.SPAN_KIND_CLIENT, "gen_ai.usage.input_tokens", "42"),
          received(3, 2, "POST", SpanKind.SPAN_KIND_CLIENT),
          received(4, 1, "execute_tool weather", SpanKind.SPAN_KIND_INTERNAL),
          received(5, 4, "GET", SpanKind.SPAN_KIND_CLIENT));

  static ExpectedSpan theCase() {
    return span("invoke_agent TravelAssistant")
        .kind(INTERNAL)
        .has("custody.intent.prompt", "Lisbon?")
        .children(
            span("chat gpt-4o")
                .kind(CLIENT)
                .has("gen_ai.usage.input_tokens", "42")
                .children(span("POST").kind(CLIENT)),
            span("execute_tool weather").kind(INTERNAL).children(span("GET").kind(CLIENT)));
  }

  @Test
  void passesOnTheTreeItDescribesAndHandsBackTheSpansItMatched() {
    ExpectedSpan tool = span("execute_tool weather").children(span("GET"));
    TraceAssert trace =
        assertThat(spans(CASE_SPANS))
            .hasTree(
                span("invoke_agent TravelAssistant")
                    .children(span("chat gpt-4o").children(span("POST")), tool))
            .everySpanHas("custody.case.id", CASE);
    assertThat(trace.received(tool).spanId()).isEqualTo(id(4));

    assertThat(spans(CASE_SPANS)).hasTree(theCase());
  }

  @Test
  void failsOnAWrongParentAndSaysWhereTheSpanIs() {
    List<ReceivedSpan> wrong =
        replace(CASE_SPANS, received(5, 1, "GET", SpanKind.SPAN_KIND_CLIENT));
    assertThatThrownBy(() -> assertThat(spans(wrong)).hasTree(theCase()))
        .hasMessageContaining(
            "missing under execute_tool weather [INTERNAL] " + id(4) + ": GET [CLIENT]")
        .hasMessageContaining("GET [CLIENT] " + id(5) + " under invoke_agent TravelAssistant")
        .hasMessageContaining(
            "unexpected under invoke_agent TravelAssistant [INTERNAL] " + id(1) + ": GET");
    assertThatThrownBy(() -> assertThat(spans(wrong)).containsTree(theCase()))
        .hasMessageContaining("missing under execute_tool weather");
  }

  @Test
  void failsOnAMissingSpan() {
    List<ReceivedSpan> missing = CASE_SPANS.subList(0, 4);
    assertThatThrownBy(() -> assertThat(spans(missing)).hasTree(theCase()))
        .hasMessageContaining(
            "missing under execute_tool weather [INTERNAL] " + id(4) + ": GET [CLIENT]")
        .hasMessageContaining("(no span of that name received)");
    assertThatThrownBy(() -> assertThat(spans(missing)).containsTree(theCase()))
        .hasMessageContaining("missing under execute_tool weather");
  }

  @Test
  void failsOnAnExtraSpanUnlessTheTestLetsOthersBe() {
    List<ReceivedSpan> extra = new ArrayList<>(CASE_SPANS);
    extra.add(received(6, 4, "SELECT orders", SpanKind.SPAN_KIND_CLIENT));
    assertThatThrownBy(() -> assertThat(spans(extra)).hasTree(theCase()))
        .hasMessageContaining(
            "unexpected under execute_tool weather [INTERNAL] " + id(4) + ": SELECT orders");
    assertThatThrownBy(() -> assertThat(spans(extra)).containsTree(theCase()))
        .hasMessageContaining(
            "unexpected under execute_tool weather [INTERNAL] " + id(4) + ": SELECT orders");
    ExpectedSpan someOfTheToolsCalls =
        span("invoke_agent TravelAssistant")
            .children(
                span("chat gpt-4o").children(span("POST")),
                span("execute_tool weather").childrenIncluding(span("GET")));
    assertThat(spans(extra)).hasTree(someOfTheToolsCalls);
    assertThatThrownBy(
            () ->
                assertThat(spans(extra))
                    .hasTree(
                        span("invoke_agent TravelAssistant")
                            .childrenIncluding(
                                span("execute_tool weather").childrenIncluding(span("GET")),
                                span("chat gpt-4o").children(span("POST")))))
        .hasMessageContaining("started in another order");

    List<ReceivedSpan> secondTrace = new ArrayList<>(CASE_SPANS);
    secondTrace.add(received(7, 0, "GET /health", SpanKind.SPAN_KIND_SERVER));
    assertThatThrownBy(() -> assertThat(spans(secondTrace)).hasTree(theCase()))
        .hasMessageContaining("unexpected span at the top: GET /health [SERVER] " + id(7));
    assertThat(spans(secondTrace)).hasTrees(span("GET /health").kind(SERVER), theCase());
    assertThat(spans(secondTrace)).containsTree(theCase());
  }

  @Test
  void aLeafExpectedExactlyHasNoChildren() {
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(
                        span("invoke_agent TravelAssistant")
                            .children(span("chat gpt-4o"), span("execute_tool weather"))))
        .hasMessageContaining("unexpected under chat gpt-4o [CLIENT] " + id(2) + ": POST");
  }

  @Test
  void failsOnAWrongAttributeKindOrName() {
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(theCase().has("custody.intent.prompt", "Paris?")))
        .hasMessageContaining(
            "invoke_agent TravelAssistant [INTERNAL] "
                + id(1)
                + ": custody.intent.prompt: expected \"Paris?\" but"
                + " was \"Lisbon?\"");
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS)).hasTree(theCase().has("custody.workload.id", "svc")))
        .hasMessageContaining("custody.workload.id: expected \"svc\" but was (absent)");
    assertThatThrownBy(() -> assertThat(spans(CASE_SPANS)).hasTree(theCase().kind(SERVER)))
        .hasMessageContaining("kind: expected SERVER but was INTERNAL");
    assertThatThrownBy(() -> assertThat(spans(CASE_SPANS)).hasTree(span("invoke_agent Other")))
        .hasMessageContaining(
            "no span at the top matches invoke_agent Other (no span of that name received)");
    assertThatThrownBy(
            () -> assertThat(spans(CASE_SPANS)).hasTree(theCase().lacks("custody.intent.prompt")))
        .hasMessageContaining("custody.intent.prompt: expected absent but was \"Lisbon?\"");
  }

  @Test
  void checksAnAttributeByAPredicateWrittenAsAnAssertion() {
    assertThat(spans(CASE_SPANS))
        .hasTree(theCase().has("custody.intent.prompt", v -> v.startsWith("Lis")));
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(theCase().has("custody.intent.prompt", v -> v.startsWith("Par"))))
        .hasMessageContaining("[custody.intent.prompt]")
        .hasMessageContaining("to start with");
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(theCase().has("custody.intent.objective", v -> v.isNotEmpty())))
        .hasMessageContaining("custody.intent.objective: expected but absent");
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(
                        theCase()
                            .satisfies(
                                "a root", span -> assertThat(span.parentSpanId()).isNotEmpty())))
        .hasMessageContaining("a root: ");
  }

  @Test
  void checksAListAttributeAndTheStatus() {
    ReceivedSpan failed =
        new ReceivedSpan(
            "svc",
            "scope",
            CASE_SPANS.get(0).proto().toBuilder()
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("custody.record.missing")
                        .setValue(
                            AnyValue.newBuilder()
                                .setArrayValue(
                                    ArrayValue.newBuilder()
                                        .addValues(
                                            AnyValue.newBuilder()
                                                .setStringValue("workload_identity")))))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .build(),
            List.of());
    List<ReceivedSpan> withFailedRoot = replace(CASE_SPANS, failed);
    assertThat(spans(withFailedRoot))
        .hasTree(theCase().error().has("custody.record.missing", List.of("workload_identity")));
    assertThatThrownBy(() -> assertThat(spans(withFailedRoot)).hasTree(theCase().noError()))
        .hasMessageContaining("status: expected no error but was ERROR");
    assertThatThrownBy(() -> assertThat(spans(CASE_SPANS)).hasTree(theCase().error()))
        .hasMessageContaining("status: expected ERROR");
    assertThatThrownBy(
            () ->
                assertThat(spans(withFailedRoot))
                    .hasTree(theCase().has("custody.record.missing", List.of("intent"))))
        .hasMessageContaining(
            "custody.record.missing: expected [intent] but was [workload_identity]");
  }

  @Test
  void childrenAreInStartOrderUnlessSaidOtherwise() {
    ExpectedSpan toolFirst =
        span("invoke_agent TravelAssistant")
            .children(
                span("execute_tool weather").children(span("GET")),
                span("chat gpt-4o").children(span("POST")));
    assertThatThrownBy(() -> assertThat(spans(CASE_SPANS)).hasTree(toolFirst))
        .hasMessageContaining("started in another order: [chat gpt-4o, execute_tool weather]");
    assertThatThrownBy(() -> assertThat(spans(CASE_SPANS)).containsTree(toolFirst))
        .isInstanceOf(AssertionError.class);

    assertThat(spans(CASE_SPANS))
        .hasTree(
            span("invoke_agent TravelAssistant")
                .childrenInAnyOrder(
                    span("execute_tool weather").children(span("GET")),
                    span("chat gpt-4o").children(span("POST"))));
  }

  @Test
  void alikeSiblingsInAnyOrderAreEachMatchedOnce() {
    List<ReceivedSpan> twoTurns =
        List.of(
            received(1, 0, "invoke_agent A", SpanKind.SPAN_KIND_INTERNAL),
            received(
                2,
                1,
                "chat m",
                SpanKind.SPAN_KIND_CLIENT,
                "gen_ai.response.finish_reasons",
                "stop"),
            received(
                3,
                1,
                "chat m",
                SpanKind.SPAN_KIND_CLIENT,
                "gen_ai.response.finish_reasons",
                "tool_calls"));
    // the first expectation fits both spans; only the second pins one down
    ExpectedSpan anyTurn = span("chat m");
    ExpectedSpan asking = span("chat m").has("gen_ai.response.finish_reasons", "tool_calls");
    TraceAssert trace =
        assertThat(spans(twoTurns))
            .hasTree(span("invoke_agent A").childrenInAnyOrder(anyTurn, asking));
    assertThat(trace.received(asking).spanId()).isEqualTo(id(3));
    assertThat(trace.received(anyTurn).spanId()).isEqualTo(id(2));

    assertThatThrownBy(
            () ->
                assertThat(spans(twoTurns))
                    .hasTree(span("invoke_agent A").childrenInAnyOrder(asking, asking)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aRootIsATracesRootUnlessItSaysWhoseChildItIs() {
    List<ReceivedSpan> continued =
        replace(
            CASE_SPANS,
            received(
                1,
                9,
                "invoke_agent TravelAssistant",
                SpanKind.SPAN_KIND_INTERNAL,
                "custody.intent.prompt",
                "Lisbon?"));
    assertThatThrownBy(() -> assertThat(spans(continued)).hasTree(theCase()))
        .hasMessageContaining("parent: expected none but was " + id(9))
        .hasMessageContaining("(parent " + id(9) + " not received)");
    assertThat(spans(continued)).hasTree(theCase().childOf(id(9)));
    assertThatThrownBy(() -> assertThat(spans(continued)).hasTree(theCase().childOf(id(8))))
        .hasMessageContaining("parent: expected " + id(8) + " but was " + id(9));
  }

  @Test
  void checksLinksOnceTheTreeHasMatched() {
    List<ReceivedSpan> linked =
        replace(
            CASE_SPANS,
            new ReceivedSpan(
                "svc",
                "scope",
                CASE_SPANS.get(3).proto().toBuilder()
                    .addLinks(
                        Span.Link.newBuilder().setTraceId(bytes(TRACE)).setSpanId(bytes(id(2))))
                    .build(),
                List.of()));
    ExpectedSpan turn = span("chat gpt-4o").children(span("POST"));
    assertThat(spans(linked))
        .hasTree(
            span("invoke_agent TravelAssistant")
                .children(turn, span("execute_tool weather").linksTo(turn).children(span("GET"))));

    assertThatThrownBy(
            () ->
                assertThat(spans(linked))
                    .hasTree(
                        span("invoke_agent TravelAssistant")
                            .children(
                                turn,
                                span("execute_tool weather").linksTo().children(span("GET")))))
        .hasMessageContaining("links to [" + id(2) + "], expected []");
    assertThat(spans(CASE_SPANS)).hasTree(theCase().linksTo());

    ExpectedSpan call = span("POST");
    assertThatThrownBy(
            () ->
                assertThat(spans(linked))
                    .hasTree(
                        span("invoke_agent TravelAssistant")
                            .children(
                                span("chat gpt-4o").children(call),
                                span("execute_tool weather").linksTo(call).children(span("GET")))))
        .hasMessageContaining("links to [" + id(2) + "], expected [" + id(3) + "]");
  }

  @Test
  void everySpanHasFailsOnOneSpanWithoutAndNoSpanHasOnOneWith() {
    List<ReceivedSpan> oneOutside =
        replace(
            CASE_SPANS,
            new ReceivedSpan(
                "svc",
                "scope",
                CASE_SPANS.get(4).proto().toBuilder().clearAttributes().build(),
                List.of()));
    assertThatThrownBy(() -> assertThat(spans(oneOutside)).everySpanHas("custody.case.id", CASE))
        .hasMessageContaining("GET [CLIENT] " + id(5) + " has custody.case.id=null");

    assertThat(spans(oneOutside.subList(4, 5))).noSpanHas("custody.case.id");
    assertThatThrownBy(
            () -> assertThat(spans(oneOutside.subList(3, 5))).noSpanHas("custody.case.id"))
        .hasMessageContaining(
            "execute_tool weather [INTERNAL] " + id(4) + " has custody.case.id=" + CASE);
  }

  @Test
  void aFailurePrintsTheReceivedTreeIndentedBesideTheExpectedOne() {
    assertThatThrownBy(
            () ->
                assertThat(spans(CASE_SPANS))
                    .hasTree(theCase().has("custody.intent.prompt", "Paris?")))
        .hasMessageContaining(
            String.join(
                "\n",
                "Expected spans exactly like:",
                "  invoke_agent TravelAssistant [INTERNAL] custody.intent.prompt=\"Lisbon?\""
                    + " custody.intent.prompt=\"Paris?\"",
                "    chat gpt-4o [CLIENT] gen_ai.usage.input_tokens=\"42\"",
                "      POST [CLIENT]",
                "    execute_tool weather [INTERNAL]",
                "      GET [CLIENT]",
                "but received:",
                "  trace " + TRACE,
                "    invoke_agent TravelAssistant [INTERNAL] " + id(1),
                "      chat gpt-4o [CLIENT] " + id(2),
                "        POST [CLIENT] " + id(3),
                "      execute_tool weather [INTERNAL] " + id(4),
                "        GET [CLIENT] " + id(5),
                "Differences:"));
  }

  private static Spans spans(List<ReceivedSpan> spans) {
    return new Spans(spans);
  }

  /**
   * Span {@code id} under span {@code parent} (0: none), started at {@code id} microseconds, in the
   * case.
   */
  private static ReceivedSpan received(
      int id, int parent, String name, SpanKind kind, String... keyValues) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(bytes(TRACE))
            .setSpanId(bytes(id(id)))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(id * 1_000L)
            .setEndTimeUnixNano(id * 1_000L + 500)
            .addAttributes(attribute("custody.case.id", CASE));
    if (parent != 0) {
      span.setParentSpanId(bytes(id(parent)));
    }
    for (int i = 0; i < keyValues.length; i += 2) {
      span.addAttributes(attribute(keyValues[i], keyValues[i + 1]));
    }
    return new ReceivedSpan("svc", "scope", span.build(), List.of());
  }

  private static List<ReceivedSpan> replace(List<ReceivedSpan> spans, ReceivedSpan replacement) {
    return spans.stream()
        .map(span -> span.spanId().equals(replacement.spanId()) ? replacement : span)
        .toList();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static String id(int id) {
    return String.format("%016x", id);
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
