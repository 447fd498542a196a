package dev.custody.instrumentation.springkafka;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.context.Scope;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code BatchMessagingMessageListenerAdapter.onMessage(List<ConsumerRecord>, Acknowledgment,
 * Consumer)}, through which a {@code @KafkaListener} batch method receives its records.
 */
public final class BatchListenerAdapterInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.kafka.listener.adapter.BatchMessagingMessageListenerAdapter");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("onMessage").and(takesArguments(3)).and(takesArgument(0, named("java.util.List"))),
        getClass().getName() + "$OnMessageAdvice");
  }

  @SuppressWarnings("unused")
  public static final class OnMessageAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope enter(@Advice.Argument(0) List<?> records) {
      return SpringKafkaBatches.enter(records);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Scope scope) {
      SpringKafkaBatches.exit(scope);
    }
  }
}
