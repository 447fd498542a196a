package dev.custody.instrumentation.springkafka;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring Kafka batch listeners: the cases whose records a batch brings, for the case root the
 * listener starts to link and name (the stock agent's batch span links the producers, but no
 * record's baggage is current in the listener).
 */
public final class SpringKafkaInstrumentationModule extends InstrumentationModule {

  public SpringKafkaInstrumentationModule() {
    super("custody-spring-kafka", "custody-spring-kafka-4", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "org.springframework.kafka.listener.adapter.BatchMessagingMessageListenerAdapter",
        "org.apache.kafka.common.header.Headers");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new BatchListenerAdapterInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.springkafka.SpringKafkaBatches",
        "dev.custody.instrumentation.springkafka.SpringKafkaBatches$HeadersGetter");
  }
}
