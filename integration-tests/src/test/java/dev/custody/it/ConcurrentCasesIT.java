package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two agent tasks running at the same moment in one JVM stay two cases, each with only its own spans. */
class ConcurrentCasesIT {

  @Test
  void concurrentCasesAreKeptApart() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.run(desk.app(), "Where is order A-17? (first customer)", "Where is order A-17? (second customer)");
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= 2 * OrderDesk.SPANS_PER_REQUEST);

      List<ReceivedSpan> roots = spans.named("invoke_agent");
      assertThat(roots).hasSize(2);
      assertThat(roots).extracting(root -> root.attr("custody.intent.prompt"))
          .containsExactlyInAnyOrder(
              "Where is order A-17? (first customer)", "Where is order A-17? (second customer)");
      assertThat(roots.get(0).attr("custody.case.id")).isNotEqualTo(roots.get(1).attr("custody.case.id"));
      assertThat(roots.get(0).traceId()).isNotEqualTo(roots.get(1).traceId());

      for (ReceivedSpan root : roots) {
        List<ReceivedSpan> inside = spans.descendantsOf(root);
        assertThat(inside).as("two model turns with their HTTP calls, the tool call and its backend call")
            .hasSize(OrderDesk.SPANS_PER_REQUEST - 1);
        assertThat(inside).allSatisfy(span -> {
          assertThat(span.traceId()).isEqualTo(root.traceId());
          assertThat(span.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
        });
      }
      assertThat(spans.all()).hasSize(2 * OrderDesk.SPANS_PER_REQUEST);
    }
  }
}
