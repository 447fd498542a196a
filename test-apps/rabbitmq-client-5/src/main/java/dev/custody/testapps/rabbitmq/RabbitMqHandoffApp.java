package dev.custody.testapps.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.custody.testapps.handoff.HandoffDesk;
import dev.custody.testapps.handoff.WorkQueue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off desk over the queue {@code orders} of the AMQP 0-9-1 broker at {@code
 * -Dit.broker.url} ({@code amqp://guest:guest@host:port}); the dispatcher publishes to the default
 * exchange, and the order desk takes its work through a push consumer.
 */
public final class RabbitMqHandoffApp implements WorkQueue {

  private static final String ORDERS = "orders";

  private final Channel channel;

  private RabbitMqHandoffApp(Channel channel) throws Exception {
    this.channel = channel;
    channel.queueDeclare(ORDERS, false, false, false, null);
  }

  public static void main(String[] args) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(System.getProperty("it.broker.url"));
    try (Connection connection = factory.newConnection()) {
      HandoffDesk.run(args, new RabbitMqHandoffApp(connection.createChannel()));
    }
  }

  @Override
  public void send(String work) throws Exception {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().contentType("text/plain").build();
    channel.basicPublish("", ORDERS, properties, work.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void serve(int count, Worker worker) throws Exception {
    CountDownLatch done = new CountDownLatch(count);
    channel.basicConsume(ORDERS, true, new Desk(channel, worker, done));
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the queue brought too little work");
    }
  }

  /** The consumer: each delivery is one piece of work. */
  private static final class Desk extends DefaultConsumer {
    private final Worker worker;
    private final CountDownLatch done;

    Desk(Channel channel, Worker worker, CountDownLatch done) {
      super(channel);
      this.worker = worker;
      this.done = done;
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      try {
        worker.work(new String(body, StandardCharsets.UTF_8));
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        done.countDown();
      }
    }
  }
}
