package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.span;

import dev.custody.it.harness.AmqpBroker;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.Spans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over an AMQP 0-9-1 queue, through the
 * RabbitMQ Java client 5.38 in both JVMs, served by Qpid Broker-J (the protocol RabbitMQ speaks,
 * run by the test). The stock agent carries the trace context and the baggage in the message's
 * headers, so the order desk's case root needs no Custody code to stay in the dispatcher's case.
 */
class RabbitMqHandoffIT {

  @Test
  void theOrderDesksCaseRootKeepsTheDispatchersCaseUnderTheMessage() throws Exception {
    try (AmqpBroker broker = AmqpBroker.start();
        QueueHandoff handoff = new QueueHandoff()) {
      Spans spans = handoff.handOff("rabbitmq-client-5", Map.of("it.broker.url", broker.url()));

      handoff.assertOneCaseAcrossTheQueue(
          spans,
          span("<default> publish").has("messaging.system", "rabbitmq"),
          span("orders process").has("messaging.system", "rabbitmq"));
    }
  }
}
