package dev.custody.testapps.sqs;

import dev.custody.testapps.handoff.HandoffDesk;
import dev.custody.testapps.handoff.WorkQueue;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hand-off desk over the SQS queue {@code orders} at the SQS endpoint {@code -Dit.sqs.url}; the
 * order desk long-polls it and works on each message in a loop over what it received, as SQS
 * workers usually do.
 */
public final class SqsHandoffApp implements WorkQueue {

  private final SqsClient sqs;
  private final String orders;

  private SqsHandoffApp(SqsClient sqs) {
    this.sqs = sqs;
    this.orders = sqs.createQueue(queue -> queue.queueName("orders")).queueUrl();
  }

  public static void main(String[] args) throws Exception {
    try (SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(URI.create(System.getProperty("it.sqs.url")))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      HandoffDesk.run(args, new SqsHandoffApp(sqs));
    }
  }

  @Override
  public void send(String work) {
    sqs.sendMessage(message -> message.queueUrl(orders).messageBody(work));
  }

  @Override
  public void serve(int count, Worker worker) throws Exception {
    int served = 0;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (served < count && System.nanoTime() < deadline) {
      for (Message message :
          sqs.receiveMessage(receive -> receive.queueUrl(orders).waitTimeSeconds(2)).messages()) {
        worker.work(message.body());
        sqs.deleteMessage(delete -> delete.queueUrl(orders).receiptHandle(message.receiptHandle()));
        served++;
      }
    }
    if (served < count) {
      throw new IllegalStateException("the queue brought too little work");
    }
  }
}
