package dev.custody.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.WorkloadAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadRotationsTest {

  static final String SPIFFE_ID = "spiffe://prod.example/ns/agents/sa/order-desk";
  static final Map<String, Object> FIRST =
      Map.of(
          "custody.workload.id", SPIFFE_ID,
          "custody.workload.id.source", "spiffe",
          "custody.workload.credential.serial", "1f",
          "custody.workload.credential.expires_at", "2030-01-01T00:00:00Z");
  static final Map<String, Object> ROTATED =
      Map.of(
          "custody.workload.id", SPIFFE_ID,
          "custody.workload.id.source", "spiffe",
          "custody.workload.credential.serial", "2a",
          "custody.workload.credential.expires_at", "2030-01-01T01:00:00Z");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  @Test
  void aNewCredentialForTheSameIdIsARotationNamingBoth() {
    List<EventData> events = eventsOf(FIRST, ROTATED);

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getName()).isEqualTo("custody.workload.rotated");
              assertThat(event.getAttributes().asMap())
                  .hasSize(5)
                  .containsEntry(AttributeKey.stringKey("custody.workload.id"), SPIFFE_ID)
                  .containsEntry(AttributeKey.stringKey("custody.workload.credential.serial"), "2a")
                  .containsEntry(
                      AttributeKey.stringKey("custody.workload.credential.expires_at"),
                      "2030-01-01T01:00:00Z")
                  .containsEntry(
                      AttributeKey.stringKey("custody.workload.previous_credential.serial"), "1f")
                  .containsEntry(
                      AttributeKey.stringKey("custody.workload.previous_credential.expires_at"),
                      "2030-01-01T00:00:00Z");
            });
  }

  @Test
  void aFirstCredentialAnotherIdentityOrTheSameCredentialIsNoRotation() {
    assertThat(eventsOf(Map.of("custody.workload.id", "unknown"), FIRST)).isEmpty();
    assertThat(
            eventsOf(
                Map.of("custody.workload.id", SPIFFE_ID, "custody.workload.id.source", "config"),
                FIRST))
        .isEmpty();
    assertThat(
            eventsOf(
                Map.of(
                    "custody.workload.id",
                    "system:serviceaccount:agents:order-desk",
                    "custody.workload.credential.jti",
                    "jti-1"),
                FIRST))
        .isEmpty();
    assertThat(eventsOf(FIRST, FIRST)).isEmpty();
  }

  private List<EventData> eventsOf(Map<String, Object> before, Map<String, Object> after) {
    exporter.reset();
    Span refresh = tracerProvider.get("test").spanBuilder("refresh spiffe").startSpan();
    WorkloadRotations.recordOn(refresh, new WorkloadAttributes.Update(before, after));
    refresh.end();
    SpanData span = exporter.getFinishedSpanItems().get(0);
    return span.getEvents();
  }
}
