package dev.custody.exporter.scrub;

import dev.custody.core.scrub.SecretScrubber;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last line of defence before any byte leaves the process: every string in every span (attributes of all
 * instrumentations, stock ones included; event attributes such as exception messages and stack traces; the status
 * description) passes through the {@link SecretScrubber}, and attributes captured for Custody's own use (request
 * headers that carry credentials or name the end user, when the user did not ask for them; see {@link
 * CustodyCapture}) are dropped from the spans of the kind they were captured for. It runs on the exporter's thread,
 * never the application's.
 */
public final class ScrubbingSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final Map<SpanKind, Set<AttributeKey<?>>> droppedByKind;

  public ScrubbingSpanExporter(SpanExporter delegate, Map<SpanKind, Set<AttributeKey<?>>> droppedByKind) {
    this.delegate = delegate;
    this.droppedByKind = droppedByKind;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> scrubbed = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      scrubbed.add(scrub(span, droppedByKind.getOrDefault(span.getKind(), Set.of())));
    }
    return delegate.export(scrubbed);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "ScrubbingSpanExporter{" + delegate + "}";
  }

  /** The span itself when nothing in it needs scrubbing or dropping, else a copy without them. */
  static SpanData scrub(SpanData span, Set<AttributeKey<?>> dropped) {
    Attributes attributes = scrub(withoutDropped(span.getAttributes(), dropped));
    List<EventData> events = scrubEvents(span.getEvents());
    String description = span.getStatus().getDescription();
    String scrubbedDescription = SecretScrubber.scrub(description);
    if (attributes == span.getAttributes()
        && events == span.getEvents()
        && scrubbedDescription == description) {
      return span;
    }
    StatusData status = StatusData.create(span.getStatus().getStatusCode(), scrubbedDescription);
    return new DelegatingSpanData(span) {
      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public List<EventData> getEvents() {
        return events;
      }

      @Override
      public StatusData getStatus() {
        return status;
      }
    };
  }

  private static Attributes withoutDropped(Attributes attributes, Set<AttributeKey<?>> dropped) {
    for (AttributeKey<?> key : dropped) {
      if (attributes.get(key) != null) {
        return attributes.toBuilder().removeIf(dropped::contains).build();
      }
    }
    return attributes;
  }

  private static List<EventData> scrubEvents(List<EventData> events) {
    List<EventData> scrubbed = null;
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      Attributes attributes = scrub(event.getAttributes());
      if (attributes != event.getAttributes()) {
        if (scrubbed == null) {
          scrubbed = new ArrayList<>(events);
        }
        scrubbed.set(
            i,
            EventData.create(event.getEpochNanos(), event.getName(), attributes, event.getTotalAttributeCount()));
      }
    }
    return scrubbed == null ? events : scrubbed;
  }

  /** The same instance when no string in it holds a secret. */
  @SuppressWarnings("unchecked")
  static Attributes scrub(Attributes attributes) {
    AttributesBuilder[] builder = new AttributesBuilder[1];
    attributes.forEach(
        (key, value) -> {
          Object scrubbed = scrubValue(key, value);
          if (scrubbed != value) {
            if (builder[0] == null) {
              builder[0] = attributes.toBuilder();
            }
            builder[0].put((AttributeKey<Object>) key, scrubbed);
          }
        });
    return builder[0] == null ? attributes : builder[0].build();
  }

  private static Object scrubValue(AttributeKey<?> key, Object value) {
    if (key.getType() == AttributeType.STRING) {
      return SecretScrubber.scrub((String) value);
    }
    if (key.getType() == AttributeType.STRING_ARRAY) {
      List<?> values = (List<?>) value;
      List<String> scrubbed = new ArrayList<>(values.size());
      boolean changed = false;
      for (Object element : values) {
        String text = SecretScrubber.scrub((String) element);
        changed |= text != element;
        scrubbed.add(text);
      }
      return changed ? scrubbed : value;
    }
    return value;
  }
}
