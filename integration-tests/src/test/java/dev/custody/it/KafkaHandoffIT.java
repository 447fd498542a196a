package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.KafkaBroker;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.Spans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over a Kafka topic, through the plain
 * Kafka client 4.1.1 (and a Spring Kafka batch listener), with a Kafka 4.1.1 broker (KRaft) run by
 * the test. The stock agent carries the trace context and the baggage in the record's headers.
 */
class KafkaHandoffIT {

  @Test
  void theOrderDesksCaseRootKeepsTheDispatchersCaseUnderTheRecord() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start();
        QueueHandoff handoff = new QueueHandoff()) {
      Spans spans =
          handoff.handOff(
              "kafka-clients-4", Map.of("it.kafka.bootstrap", kafka.bootstrapServers()));

      handoff.assertOneCaseAcrossTheQueue(
          spans,
          span("orders publish").has("messaging.system", "kafka"),
          span("orders process").has("messaging.system", "kafka"));
    }
  }

  /**
   * Two dispatcher cases, then a Spring Kafka 4.0 batch listener that takes both records in one
   * batch: its case root is a case of its own that links both producer spans and names both cases.
   */
  @Test
  void aBatchListenersCaseRootNamesEveryCaseItTookWorkFrom() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start();
        QueueHandoff handoff = new QueueHandoff()) {
      String desk =
          handoff.handOffTwoCasesInOneBatch(
              "kafka-clients-4",
              "spring-kafka-4",
              Map.of("it.kafka.bootstrap", kafka.bootstrapServers()));
      assertThat(desk).contains("BATCH 2");

      handoff.assertTheBatchNamesEveryCase(
          handoff.awaitCases(3), span("orders process").has("messaging.system", "kafka"));
    }
  }
}
