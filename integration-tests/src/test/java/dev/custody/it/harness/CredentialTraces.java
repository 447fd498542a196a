package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Reads of the spans credential fetches leave, whatever the provider. */
public final class CredentialTraces {

  private CredentialTraces() {}

  /** Custody's {@code fetch {provider} ...} spans for the credential {@code id}. */
  public static List<ReceivedSpan> fetches(Spans spans, String provider, String id) {
    return spans.where(
        span ->
            span.name().startsWith("fetch ")
                && provider.equals(span.attr("custody.credential.provider"))
                && id.equals(span.attr("custody.credential.id")));
  }

  /** The credential ids of the {@code custody.credential.outstanding} events on a case root. */
  public static List<String> outstandingCredentials(ReceivedSpan caseRoot) {
    return caseRoot.proto().getEventsList().stream()
        .filter(event -> event.getName().equals("custody.credential.outstanding"))
        .map(event -> attribute(event, "custody.credential.id"))
        .toList();
  }

  /**
   * The latest {@code custody.credential.expires_at} among the outstanding credentials a case root
   * names: what its {@code custody.authority.ends_at} must say.
   */
  public static String latestOutstandingExpiry(ReceivedSpan caseRoot) {
    return caseRoot.proto().getEventsList().stream()
        .filter(event -> event.getName().equals("custody.credential.outstanding"))
        .map(event -> attribute(event, "custody.credential.expires_at"))
        .filter(Objects::nonNull)
        .max(Comparator.comparing(Instant::parse))
        .orElseThrow();
  }

  /** The outbound calls below {@code span} that presented the credential {@code id}. */
  public static List<ReceivedSpan> callsPresenting(Spans spans, ReceivedSpan span, String id) {
    return spans.descendantsOf(span).stream()
        .filter(call -> id.equals(call.attr("custody.credential.used")))
        .toList();
  }

  /** No exported byte holds any of {@code values}. */
  public static void assertNoneExported(OtlpReceiver receiver, List<String> values) {
    assertThat(values).isNotEmpty();
    for (String value : values) {
      assertThat(receiver.rawBytesContain(value)).as("exported bytes contain %s", value).isFalse();
    }
  }

  private static String attribute(Span.Event event, String key) {
    return event.getAttributesList().stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(value -> value.getStringValue())
        .findFirst()
        .orElse(null);
  }
}
