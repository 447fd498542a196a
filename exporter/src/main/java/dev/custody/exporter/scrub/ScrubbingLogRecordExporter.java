package dev.custody.exporter.scrub;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.Set;

/**
 * Scrubs every log record on its way to any log exporter: the body (a logged message, or
 * structured), the attributes (exception messages and stack traces, MDC values, code locations) and
 * the event name, through the {@link TelemetryScrubber}. The stock agent's logging bridges
 * (Logback, Log4j, JUL) export application logs by default; a logged password or token must not
 * leave with them. Never fails the export.
 */
public final class ScrubbingLogRecordExporter implements LogRecordExporter {

  private final LogRecordExporter delegate;
  private final Set<AttributeKey<?>> dropped;
  private final TelemetryScrubber scrubber;

  public ScrubbingLogRecordExporter(LogRecordExporter delegate, Set<AttributeKey<?>> dropped) {
    this(delegate, dropped, TelemetryScrubber.get());
  }

  ScrubbingLogRecordExporter(
      LogRecordExporter delegate, Set<AttributeKey<?>> dropped, TelemetryScrubber scrubber) {
    this.delegate = delegate;
    this.dropped = dropped;
    this.scrubber = scrubber;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return delegate.export(logs.stream().map(this::scrub).toList());
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
    return "ScrubbingLogRecordExporter{" + delegate + "}";
  }

  /** The record itself when nothing in it needs scrubbing, else a copy without what does. */
  LogRecordData scrub(LogRecordData log) {
    Resource resource = ResourceScrubber.scrub(log.getResource());
    Value<?> body;
    Attributes attributes;
    String eventName;
    try {
      body = log.getBodyValue() == null ? null : scrubber.value(log.getBodyValue());
      attributes = scrubber.attributes(log.getAttributes(), dropped);
      eventName = scrubber.text(log.getEventName());
    } catch (Throwable t) {
      body = Value.of(TelemetryScrubber.FAILED);
      attributes = Attributes.empty();
      eventName = null;
    }
    if (resource == log.getResource()
        && body == log.getBodyValue()
        && attributes == log.getAttributes()
        && eventName == log.getEventName()) {
      return log;
    }
    return new Scrubbed(log, resource, body, attributes, eventName);
  }

  private static final class Scrubbed implements LogRecordData {
    private final LogRecordData log;
    private final Resource resource;
    private final Value<?> body;
    private final Attributes attributes;
    private final String eventName;

    Scrubbed(
        LogRecordData log,
        Resource resource,
        Value<?> body,
        Attributes attributes,
        String eventName) {
      this.log = log;
      this.resource = resource;
      this.body = body;
      this.attributes = attributes;
      this.eventName = eventName;
    }

    @Override
    public Resource getResource() {
      return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return log.getInstrumentationScopeInfo();
    }

    @Override
    public long getTimestampEpochNanos() {
      return log.getTimestampEpochNanos();
    }

    @Override
    public long getObservedTimestampEpochNanos() {
      return log.getObservedTimestampEpochNanos();
    }

    @Override
    public SpanContext getSpanContext() {
      return log.getSpanContext();
    }

    @Override
    public Severity getSeverity() {
      return log.getSeverity();
    }

    @Override
    public String getSeverityText() {
      return log.getSeverityText();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Body getBody() {
      return body == null ? Body.empty() : Body.string(body.asString());
    }

    @Override
    public Value<?> getBodyValue() {
      return body;
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
      return log.getTotalAttributeCount();
    }

    @Override
    public String getEventName() {
      return eventName;
    }
  }
}
