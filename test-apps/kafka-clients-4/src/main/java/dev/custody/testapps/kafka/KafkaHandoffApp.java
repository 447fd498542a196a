package dev.custody.testapps.kafka;

import dev.custody.testapps.handoff.HandoffDesk;
import dev.custody.testapps.handoff.WorkQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The hand-off desk over the Kafka topic {@code orders} of the broker at {@code
 * -Dit.kafka.bootstrap}; the order desk polls it and works on each record in a loop over what the
 * poll returned, as Kafka consumers usually do.
 */
public final class KafkaHandoffApp implements WorkQueue {

  private final Map<String, Object> bootstrap =
      Map.of("bootstrap.servers", System.getProperty("it.kafka.bootstrap"));

  public static void main(String[] args) throws Exception {
    HandoffDesk.run(args, new KafkaHandoffApp());
  }

  @Override
  public void send(String work) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(bootstrap, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("orders", work)).get();
    }
  }

  @Override
  public void serve(int count, Worker worker) throws Exception {
    Map<String, Object> settings = new HashMap<>(bootstrap);
    settings.put("group.id", "order-desk");
    settings.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("orders"));
      int served = 0;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (served < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
          worker.work(record.value());
          served++;
        }
      }
      if (served < count) {
        throw new IllegalStateException("the topic brought too little work");
      }
    }
  }
}
