package dev.custody.it.harness;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One decoded span with the reads a test needs: ids in hex, attributes (its own and its resource's)
 * by key.
 */
public record ReceivedSpan(String serviceName, String scope, Span proto, List<KeyValue> resource) {

  public String name() {
    return proto.getName();
  }

  public Span.SpanKind kind() {
    return proto.getKind();
  }

  public String traceId() {
    return hex(proto.getTraceId());
  }

  public String spanId() {
    return hex(proto.getSpanId());
  }

  /** The parent's span id, or "" for a root. */
  public String parentSpanId() {
    return hex(proto.getParentSpanId());
  }

  /** The case each link names ({@code custody.case.id} on the link), by linked span id. */
  public Map<String, String> linkedCaseIds() {
    Map<String, String> cases = new HashMap<>();
    for (Span.Link link : proto.getLinksList()) {
      link.getAttributesList().stream()
          .filter(attribute -> attribute.getKey().equals("custody.case.id"))
          .forEach(
              attribute -> cases.put(hex(link.getSpanId()), attribute.getValue().getStringValue()));
    }
    return cases;
  }

  /** The span ids of the spans this one links to. */
  public List<String> linkedSpanIds() {
    return proto.getLinksList().stream().map(link -> hex(link.getSpanId())).toList();
  }

  public Instant startTime() {
    return Instant.EPOCH.plusNanos(proto.getStartTimeUnixNano());
  }

  public Instant endTime() {
    return Instant.EPOCH.plusNanos(proto.getEndTimeUnixNano());
  }

  public long startNanos() {
    return proto.getStartTimeUnixNano();
  }

  public long endNanos() {
    return proto.getEndTimeUnixNano();
  }

  public boolean isError() {
    return proto.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
  }

  /**
   * How many attributes the span says it dropped: the SDK counts a key set twice as dropped too.
   */
  public int droppedAttributesCount() {
    return proto.getDroppedAttributesCount();
  }

  public boolean has(String key) {
    return value(proto.getAttributesList(), key) != null;
  }

  /** A string, bool or int attribute rendered as text; null when absent. */
  public String attr(String key) {
    return text(value(proto.getAttributesList(), key));
  }

  /**
   * A string, bool or int attribute of the resource that exported the span, as text; null when
   * absent.
   */
  public String resourceAttr(String key) {
    return text(value(resource, key));
  }

  private static String text(AnyValue value) {
    if (value == null) {
      return null;
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      default -> value.toString();
    };
  }

  /** A string array attribute; null when absent. */
  public List<String> attrList(String key) {
    AnyValue value = value(proto.getAttributesList(), key);
    return value == null
        ? null
        : value.getArrayValue().getValuesList().stream().map(AnyValue::getStringValue).toList();
  }

  /** The string attributes of each event named {@code name}, in order. */
  public List<Map<String, String>> events(String name) {
    return proto.getEventsList().stream()
        .filter(event -> event.getName().equals(name))
        .map(
            event ->
                event.getAttributesList().stream()
                    .collect(
                        Collectors.toMap(
                            KeyValue::getKey, attribute -> attribute.getValue().getStringValue())))
        .toList();
  }

  private static AnyValue value(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue();
      }
    }
    return null;
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Override
  public String toString() {
    return name() + " [" + kind() + "] " + spanId() + " <- " + parentSpanId();
  }
}
