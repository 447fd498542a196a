package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventAttributesTest {

  private static EvidenceSpan.Event event(String annotation) {
    return new EvidenceSpan.Event(0, annotation);
  }

  @Test
  void readsTheAttributesOfTheEventNamed() {
    EvidenceSpan.Event outstanding =
        event(
            "\"custody.credential.outstanding\":{\"custody.credential.expires_at\":"
                + "\"2026-11-27T13:01:00Z\",\"custody.credential.id\":\"secret/a,b\",\"n\":3,"
                + "\"tags\":[\"x\",\"y\"]}");

    assertThat(EventAttributes.of(outstanding, "custody.credential.outstanding"))
        .hasValue(
            Map.of(
                "custody.credential.expires_at", "2026-11-27T13:01:00Z",
                "custody.credential.id", "secret/a,b",
                "n", "3",
                "tags", "[\"x\",\"y\"]"));
    assertThat(EventAttributes.of(outstanding, "custody.credential.obtained")).isEmpty();
  }

  @Test
  void aTruncatedAnnotationGivesWhatItHolds() {
    assertThat(EventAttributes.of(event("\"e\":{\"a\":\"1\",\"b\":\"2"), "e"))
        .hasValue(Map.of("a", "1"));
  }
}
