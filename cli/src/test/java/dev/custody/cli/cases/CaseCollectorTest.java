package dev.custody.cli.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every case of a large record fits in memory; what the findings read survives the cut. */
class CaseCollectorTest {

  @Test
  void longValuesAreCutButKeepTheScrubbersMarks() {
    String messages =
        "[{\"role\":\"user\",\"content\":\""
            + "plan a trip ".repeat(60)
            + "my password=[REDACTED:password] and key [REDACTED:credential]\"}]";
    CaseCollector collector = new CaseCollector(null);
    collector.accept(span("c0ffee", "gen_ai.input.messages", messages));

    String kept =
        (String) collector.cases().get(0).spans().get(0).attributes().get("gen_ai.input.messages");

    assertThat(messages).hasSizeGreaterThan(600);
    assertThat(kept)
        .hasSizeLessThan(CaseCollector.KEPT_CHARS + 64)
        .startsWith(messages.substring(0, CaseCollector.KEPT_CHARS))
        .endsWith("… [REDACTED:password] [REDACTED:credential]");
  }

  @Test
  void oneCaseIsKeptWhole() {
    String prompt = "x".repeat(1000);
    CaseCollector collector = new CaseCollector("c0ffee");
    collector.accept(span("c0ffee", "custody.intent.prompt", prompt));
    collector.accept(span("0ther", "custody.intent.prompt", prompt));

    assertThat(collector.cases())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.spans().get(0).attributes().get("custody.intent.prompt"))
                    .isEqualTo(prompt));
  }

  @Test
  void aTeardownOfASharedCredentialBelongsToEachCase() {
    ReceivedSpan revocation = span(List.of("c0ffee", "0ther"), "custody.teardown.kind", "revoke");
    CaseCollector every = new CaseCollector(null);
    CaseCollector one = new CaseCollector("0ther");
    every.accept(revocation);
    one.accept(revocation);

    assertThat(every.cases()).extracting(CaseSpans::caseId).containsExactly("c0ffee", "0ther");
    assertThat(one.cases()).extracting(CaseSpans::caseId).containsExactly("0ther");
  }

  @Test
  void zipkinsTextOfTheArrayJoinsEachCaseToo() {
    CaseCollector one = new CaseCollector("0ther");
    one.accept(span("c0ffee,0ther", "custody.teardown.kind", "revoke"));

    assertThat(one.cases()).extracting(CaseSpans::caseId).containsExactly("0ther");
  }

  @Test
  void pastItsBudgetItKeepsNothingAndSaysWhy() throws Exception {
    CaseCollector within = new CaseCollector(null, 10_000);
    CaseCollector over = new CaseCollector(null, 10_000);
    for (int i = 0; i < 5; i++) {
      within.accept(span("c" + i, "custody.intent.prompt", "x".repeat(1000)));
    }
    for (int i = 0; i < 50; i++) {
      over.accept(span("c" + i, "custody.intent.prompt", "x".repeat(1000)));
    }

    assertThat(within.gathered()).hasSize(5);
    assertThat(over.cases()).isEmpty();
    assertThatThrownBy(over::gathered)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the cases need more memory than half the heap")
        .hasMessageContaining("larger -Xmx, or read one case with `case CASE_ID`");
  }

  private static ReceivedSpan span(Object caseId, String key, String value) {
    TreeMap<String, Object> attributes = new TreeMap<>();
    attributes.put("custody.case.id", caseId);
    attributes.put(key, value);
    return new ReceivedSpan(
        new EvidenceSpan(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            null,
            "invoke_agent Desk",
            null,
            1,
            1,
            null,
            null,
            "scope",
            null,
            "svc",
            attributes,
            List.of(),
            List.of(),
            new TreeMap<>()),
        true);
  }
}
