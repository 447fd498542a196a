package dev.custody.testapps.springkafka;

import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The order desk behind a Spring Kafka batch listener on the topic {@code orders} of the broker at
 * {@code -Dit.kafka.bootstrap}: its agent answers once for all the orders of a batch. Exits after
 * the first batch.
 */
@Configuration
@EnableKafka
public class OrderDeskBatchApp {

  private static final CountDownLatch answered = new CountDownLatch(1);

  private final OrderAssistant desk = OrderAgent.assistant();

  public static void main(String[] args) throws Exception {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(OrderDeskBatchApp.class)) {
      if (!answered.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no batch came");
      }
    }
  }

  @Bean
  public ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory() {
    ConcurrentKafkaListenerContainerFactory<String, String> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            Map.of(
                "bootstrap.servers",
                System.getProperty("it.kafka.bootstrap"),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer()));
    factory.setBatchListener(true);
    return factory;
  }

  @KafkaListener(topics = "orders", groupId = "order-desk")
  public void onBatch(List<ConsumerRecord<String, String>> orders) {
    String work = orders.stream().map(ConsumerRecord::value).collect(Collectors.joining("\n"));
    System.out.println("BATCH " + orders.size());
    System.out.println("ANSWER: " + desk.chat(work));
    answered.countDown();
  }
}
