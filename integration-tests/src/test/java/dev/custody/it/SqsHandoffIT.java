package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.span;

import dev.custody.it.harness.ElasticMqServer;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.Spans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over an Amazon SQS queue, through the
 * AWS SDK for Java 2.x in both JVMs, served by ElasticMQ (the SQS wire protocol, run by the test).
 */
class SqsHandoffIT {

  @Test
  void theOrderDesksCaseRootKeepsTheDispatchersCaseUnderTheMessage() throws Exception {
    try (ElasticMqServer elasticMq = ElasticMqServer.start();
        QueueHandoff handoff = new QueueHandoff()) {
      Spans spans = handoff.handOff("aws-sdk-2-sqs", Map.of("it.sqs.url", elasticMq.url()));

      handoff.assertOneCaseAcrossTheQueue(
          spans,
          span("orders publish").has("messaging.system", "aws_sqs"),
          span("orders process").has("messaging.system", "aws_sqs"),
          span("Sqs.DeleteMessage").kind(CLIENT));
    }
  }
}
