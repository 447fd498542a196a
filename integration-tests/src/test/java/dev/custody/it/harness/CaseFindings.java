package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A case's findings as custody-cli's {@code --json} report gives them, against its root's. */
public final class CaseFindings {

  private CaseFindings() {}

  /** The case {@code caseId} among the {@code cases} of a report. */
  public static JsonNode caseIn(JsonNode cases, String caseId) {
    for (JsonNode theCase : cases) {
      if (theCase.get("case_id").asText().equals(caseId)) {
        return theCase;
      }
    }
    throw new AssertionError("no case " + caseId + " in " + cases);
  }

  /**
   * The root carries, as its case ended, what custody-cli finds in the case afterwards: the same
   * rules, as many findings.
   */
  public static void assertRootCarries(ReceivedSpan root, JsonNode investigated) {
    List<String> found = investigated.get("findings").findValuesAsText("rule");
    assertThat(root.attrList("custody.findings"))
        .as("the root's findings, against custody-cli's %s", investigated.get("findings"))
        .containsExactlyInAnyOrderElementsOf(found.stream().distinct().toList());
    assertThat(root.attr("custody.findings.count")).isEqualTo(String.valueOf(found.size()));
  }
}
