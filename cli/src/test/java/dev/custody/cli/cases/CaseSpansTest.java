package dev.custody.cli.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaseSpansTest {

  @Test
  void theRootIsTheOutermostAgentInvocationUnderTheRequestThatStartedTheCase() {
    EvidenceSpan request = span("a1", null, "POST /desk", null, 1);
    EvidenceSpan root = span("b2", "a1", "invoke_agent OrdersDesk", "invoke_agent", 2);
    EvidenceSpan subAgent = span("c3", "b2", "invoke_agent Refunds", "invoke_agent", 3);

    CaseSpans c = new CaseSpans("c0ffee", List.of(subAgent, request, root));

    assertThat(c.root()).contains(root);
  }

  private static EvidenceSpan span(
      String id, String parent, String name, String operation, long start) {
    TreeMap<String, Object> attributes = new TreeMap<>();
    attributes.put("custody.case.id", "c0ffee");
    if (operation != null) {
      attributes.put("gen_ai.operation.name", operation);
    }
    return new EvidenceSpan(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        id,
        parent,
        name,
        null,
        start,
        1,
        null,
        null,
        "scope",
        null,
        "svc",
        attributes,
        List.of(),
        List.of(),
        new TreeMap<>());
  }
}
