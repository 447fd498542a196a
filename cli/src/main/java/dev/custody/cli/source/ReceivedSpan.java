package dev.custody.cli.source;

import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.List;

/**
 * A span as a source gave it back, and whether the source keeps what the {@code full} form holds.
 *
 * @param readings other ways the backend's answer may be read, tried when {@code evidence} does not
 *     match its digest (Jaeger rounds a duration down from nanoseconds, so it may be one
 *     microsecond short of the canonical one)
 */
public record ReceivedSpan(
    EvidenceSpan evidence, boolean keepsFullForm, List<EvidenceSpan> readings) {

  public ReceivedSpan(EvidenceSpan evidence, boolean keepsFullForm) {
    this(evidence, keepsFullForm, List.of());
  }

  public boolean isCheckpoint() {
    return CustodyAttributes.CHECKPOINT_SPAN_NAME.equals(evidence.name())
        && evidence.attributes().containsKey(CustodyAttributes.CHECKPOINT_FORMAT.getKey());
  }

  public String stream() {
    Object stream = evidence.attributes().get(CustodyAttributes.INTEGRITY_STREAM.getKey());
    return stream instanceof String text ? text : null;
  }

  /** Its {@code custody.integrity.seq}, or null when it has none (or not a number). */
  public Long seq() {
    Object seq = evidence.attributes().get(CustodyAttributes.INTEGRITY_SEQ.getKey());
    try {
      return seq instanceof String text ? Long.valueOf(text) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The cases it belongs to: its {@code custody.case.id}, one string, or an array on a teardown of
   * a credential several cases obtained (Zipkin's text of one joins them with commas, which no case
   * id holds); empty when none.
   */
  public List<String> caseIds() {
    Object id = evidence.attributes().get(CustodyAttributes.CASE_ID.getKey());
    if (id instanceof String text) {
      return List.of(text.split(","));
    }
    if (id instanceof List<?> ids) {
      return ids.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }
}
