package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.span;

import dev.custody.it.harness.KafkaBroker;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.Spans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over a Kafka topic, through the plain
 * Kafka client 4.1.1 in both JVMs, with a Kafka 4.1.1 broker (KRaft) run by the test. The stock
 * agent carries the trace context and the baggage in the record's headers.
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
}
