package dev.custody.exporter.scrub;

import dev.custody.core.scrub.ScrubFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line of defence before any span leaves the process: the content other libraries' spans
 * carry is held to the content policy ({@link ForeignContent}); its resource, name, attributes (of
 * all instrumentations, stock ones included), events (exception messages and stack traces), links
 * and status description pass through the {@link TelemetryScrubber}, and attributes captured for
 * Custody's own use (request headers that carry credentials or name the end user, when the user did
 * not ask for them; see {@code CustodyCapture} in the extension) are dropped from the spans of the
 * kind they were captured for. It runs on the exporter's thread, never the application's, and never
 * fails the export: a span it cannot scrub is still exported, with what could not be scrubbed
 * replaced.
 */
public final class ScrubbingSpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(ScrubbingSpanExporter.class.getName());

  private final SpanExporter delegate;
  private final Map<SpanKind, Set<AttributeKey<?>>> droppedByKind;
  private final TelemetryScrubber scrubber;

  public ScrubbingSpanExporter(
      SpanExporter delegate, Map<SpanKind, Set<AttributeKey<?>>> droppedByKind) {
    this(delegate, droppedByKind, TelemetryScrubber.get());
  }

  ScrubbingSpanExporter(
      SpanExporter delegate,
      Map<SpanKind, Set<AttributeKey<?>>> droppedByKind,
      TelemetryScrubber scrubber) {
    this.delegate = delegate;
    this.droppedByKind = droppedByKind;
    this.scrubber = scrubber;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return delegate.export(spans.stream().map(this::scrubOrStrip).toList());
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    ScrubFailures.reportHeldBack();
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "ScrubbingSpanExporter{" + delegate + "}";
  }

  private SpanData scrubOrStrip(SpanData span) {
    try {
      return scrub(span, droppedByKind.getOrDefault(span.getKind(), Set.of()));
    } catch (Throwable t) {
      logger.log(
          Level.WARNING,
          "Custody: could not scrub span " + span.getSpanId() + "; exported without content",
          t);
      return stripped(span);
    }
  }

  /** The span itself when nothing in it needs scrubbing or dropping, else a copy without them. */
  SpanData scrub(SpanData span, Set<AttributeKey<?>> dropped) {
    Resource resource = ResourceScrubber.scrub(span.getResource());
    String name = scrubber.text(span.getName());
    Attributes attributes = scrubber.attributes(ForeignContent.governed(span), dropped);
    List<EventData> events = scrubEvents(span.getEvents());
    List<LinkData> links = scrubLinks(span.getLinks());
    String description = span.getStatus().getDescription();
    String scrubbedDescription = scrubber.text(description);
    if (resource == span.getResource()
        && name == span.getName()
        && attributes == span.getAttributes()
        && events == span.getEvents()
        && links == span.getLinks()
        && scrubbedDescription == description) {
      return span;
    }
    StatusData status = StatusData.create(span.getStatus().getStatusCode(), scrubbedDescription);
    // What Custody captured for its own use was never the user's: dropping it is no loss to report.
    int total = span.getTotalAttributeCount() - span.getAttributes().size() + attributes.size();
    return new Scrubbed(span, resource, name, attributes, total, events, links, status);
  }

  /**
   * What is left of a span that could not be scrubbed: its place in the trace, nothing it carried.
   */
  private static SpanData stripped(SpanData span) {
    return new Scrubbed(
        span,
        Resource.empty(),
        "[UNSCANNED]",
        Attributes.empty(),
        span.getTotalAttributeCount(),
        List.of(),
        List.of(),
        StatusData.create(span.getStatus().getStatusCode(), ""));
  }

  private List<EventData> scrubEvents(List<EventData> events) {
    List<EventData> scrubbed = null;
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      String name = scrubber.text(event.getName());
      Attributes attributes = scrubber.attributes(event.getAttributes());
      if (attributes != event.getAttributes() || name != event.getName()) {
        if (scrubbed == null) {
          scrubbed = new ArrayList<>(events);
        }
        scrubbed.set(
            i,
            EventData.create(
                event.getEpochNanos(), name, attributes, event.getTotalAttributeCount()));
      }
    }
    return scrubbed == null ? events : scrubbed;
  }

  private List<LinkData> scrubLinks(List<LinkData> links) {
    List<LinkData> scrubbed = null;
    for (int i = 0; i < links.size(); i++) {
      LinkData link = links.get(i);
      Attributes attributes = scrubber.attributes(link.getAttributes());
      if (attributes != link.getAttributes()) {
        if (scrubbed == null) {
          scrubbed = new ArrayList<>(links);
        }
        scrubbed.set(
            i, LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount()));
      }
    }
    return scrubbed == null ? links : scrubbed;
  }

  private static final class Scrubbed extends DelegatingSpanData {
    private final Resource resource;
    private final String name;
    private final Attributes attributes;
    private final int totalAttributeCount;
    private final List<EventData> events;
    private final List<LinkData> links;
    private final StatusData status;

    Scrubbed(
        SpanData span,
        Resource resource,
        String name,
        Attributes attributes,
        int totalAttributeCount,
        List<EventData> events,
        List<LinkData> links,
        StatusData status) {
      super(span);
      this.totalAttributeCount = totalAttributeCount;
      this.resource = resource;
      this.name = name;
      this.attributes = attributes;
      this.events = events;
      this.links = links;
      this.status = status;
    }

    @Override
    public Resource getResource() {
      return resource;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
      return totalAttributeCount;
    }

    @Override
    public List<EventData> getEvents() {
      return events;
    }

    @Override
    public List<LinkData> getLinks() {
      return links;
    }

    @Override
    public StatusData getStatus() {
      return status;
    }
  }
}
