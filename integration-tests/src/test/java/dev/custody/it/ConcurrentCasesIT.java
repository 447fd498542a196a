package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.OrderDesk.lookupOrder;
import static dev.custody.it.harness.OrderDesk.modelTurn;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two agent tasks running at the same moment in one JVM stay two cases, each with only its own
 * spans.
 */
class ConcurrentCasesIT {

  @Test
  void concurrentCasesAreKeptApart() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.run(
          desk.app(),
          "Where is order A-17? (first customer)",
          "Where is order A-17? (second customer)");
      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= 2 * OrderDesk.SPANS_PER_REQUEST);

      ExpectedSpan first = orderCase("Where is order A-17? (first customer)");
      ExpectedSpan second = orderCase("Where is order A-17? (second customer)");
      TraceAssert cases = assertThat(spans).hasTrees(first, second);

      ReceivedSpan firstRoot = cases.received(first);
      ReceivedSpan secondRoot = cases.received(second);
      assertThat(firstRoot.attr("custody.case.id"))
          .isNotEqualTo(secondRoot.attr("custody.case.id"));
      assertThat(firstRoot.traceId()).isNotEqualTo(secondRoot.traceId());
      for (ReceivedSpan root : List.of(firstRoot, secondRoot)) {
        assertThat(spans.traceOf(root))
            .everySpanHas("custody.case.id", root.attr("custody.case.id"));
      }
    }
  }

  /**
   * The case of one request: two model turns with their HTTP calls, the tool call and its backend
   * call.
   */
  private static ExpectedSpan orderCase(String request) {
    return span("invoke_agent OrderAssistant")
        .kind(INTERNAL)
        .has("custody.intent.prompt", request)
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
        .children(modelTurn(), lookupOrder(), modelTurn());
  }
}
