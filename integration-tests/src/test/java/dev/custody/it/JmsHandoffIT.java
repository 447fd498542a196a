package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.span;

import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.Spans;
import java.util.Map;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over a JMS queue of an ActiveMQ 6.3
 * broker embedded in the test (the ActiveMQ 6.3.1 client, Jakarta Messaging, in both JVMs). The
 * stock agent carries the trace context and the baggage in the message's properties, so the order
 * desk's case root needs no Custody code to stay in the dispatcher's case. A dispatcher without the
 * agent sends no case: the order desk's case root opens its own and says so.
 */
class JmsHandoffIT {

  @Test
  void theOrderDesksCaseRootKeepsTheDispatchersCaseUnderTheMessage() throws Exception {
    BrokerService broker = broker();
    try (QueueHandoff handoff = new QueueHandoff()) {
      String url = broker.getTransportConnectors().get(0).getPublishableConnectString();
      Spans spans = handoff.handOff("activemq-6", Map.of("it.broker.url", url));

      handoff.assertOneCaseAcrossTheQueue(
          spans,
          span("orders publish").has("messaging.system", "jms"),
          span("orders process").has("messaging.system", "jms"));
    } finally {
      broker.stop();
    }
  }

  @Test
  void aMessageFromADispatcherWithoutCustodyStartsANewCaseThatNamesTheMessage() throws Exception {
    BrokerService broker = broker();
    try (QueueHandoff handoff = new QueueHandoff()) {
      String url = broker.getTransportConnectors().get(0).getPublishableConnectString();
      Spans spans =
          handoff.handOffFromAServiceWithoutCustody("activemq-6", Map.of("it.broker.url", url));

      handoff.assertANewCaseThatNamesTheMessage(
          spans,
          span("orders process")
              .has("messaging.system", "jms")
              .has("messaging.message.id", id -> id.startsWith("ID:")));
    } finally {
      broker.stop();
    }
  }

  /** An ActiveMQ 6.3 broker in the test's JVM, on a free port, keeping nothing. */
  private static BrokerService broker() throws Exception {
    BrokerService broker = new BrokerService();
    broker.setPersistent(false);
    broker.setUseJmx(false);
    broker.addConnector("tcp://127.0.0.1:0");
    broker.start();
    return broker;
  }
}
