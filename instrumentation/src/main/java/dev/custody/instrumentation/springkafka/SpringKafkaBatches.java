package dev.custody.instrumentation.springkafka;

import dev.custody.core.cases.UpstreamCases;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Makes the upstream cases of a batch's records current while the batch listener runs. */
public final class SpringKafkaBatches {

  private SpringKafkaBatches() {}

  /** The scope of the batch's upstream cases; null when no record came from a traced producer. */
  public static Scope enter(List<?> records) {
    TextMapPropagator propagator = GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
    List<Context> messages = new ArrayList<>();
    for (Object record : records) {
      if (record instanceof ConsumerRecord<?, ?> consumerRecord) {
        messages.add(
            propagator.extract(Context.root(), consumerRecord.headers(), HeadersGetter.INSTANCE));
      }
    }
    Context current = Context.current();
    Context withUpstream = UpstreamCases.with(current, messages);
    return withUpstream == current ? null : withUpstream.makeCurrent();
  }

  public static void exit(Scope scope) {
    if (scope != null) {
      scope.close();
    }
  }

  /** A record's headers, each value as UTF-8 text, as the stock agent writes them. */
  static final class HeadersGetter implements TextMapGetter<Headers> {
    static final HeadersGetter INSTANCE = new HeadersGetter();

    @Override
    public Iterable<String> keys(Headers headers) {
      List<String> keys = new ArrayList<>();
      for (Header header : headers) {
        keys.add(header.key());
      }
      return keys;
    }

    @Override
    public String get(Headers headers, String key) {
      Header header = headers == null ? null : headers.lastHeader(key);
      return header == null || header.value() == null
          ? null
          : new String(header.value(), StandardCharsets.UTF_8);
    }
  }
}
