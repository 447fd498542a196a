package dev.custody.testapps.activemq;

import dev.custody.testapps.handoff.HandoffDesk;
import dev.custody.testapps.handoff.WorkQueue;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * The hand-off desk over the JMS queue {@code orders} of the ActiveMQ broker at {@code
 * -Dit.broker.url}; the order desk takes its work through a {@link MessageListener}, as JMS
 * services usually do.
 */
public final class ActiveMqHandoffApp implements WorkQueue {

  private final Session session;
  private final Queue orders;

  private ActiveMqHandoffApp(Session session) throws JMSException {
    this.session = session;
    this.orders = session.createQueue("orders");
  }

  public static void main(String[] args) throws Exception {
    Connection connection =
        new ActiveMQConnectionFactory(System.getProperty("it.broker.url")).createConnection();
    try {
      connection.start();
      HandoffDesk.run(
          args, new ActiveMqHandoffApp(connection.createSession(false, Session.AUTO_ACKNOWLEDGE)));
    } finally {
      connection.close();
    }
  }

  @Override
  public void send(String work) throws JMSException {
    session.createProducer(orders).send(session.createTextMessage(work));
  }

  @Override
  public void serve(int count, Worker worker) throws Exception {
    Desk desk = new Desk(worker, new CountDownLatch(count));
    session.createConsumer(orders).setMessageListener(desk);
    if (!desk.done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the queue brought too little work");
    }
  }

  /** The listener: each message is one piece of work. */
  private static final class Desk implements MessageListener {
    private final Worker worker;
    private final CountDownLatch done;

    Desk(Worker worker, CountDownLatch done) {
      this.worker = worker;
      this.done = done;
    }

    @Override
    public void onMessage(Message message) {
      try {
        worker.work(((TextMessage) message).getText());
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        done.countDown();
      }
    }
  }
}
