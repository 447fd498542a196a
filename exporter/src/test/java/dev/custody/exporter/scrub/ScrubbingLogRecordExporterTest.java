package dev.custody.exporter.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrubbingLogRecordExporterTest {

  private static final AttributeKey<List<String>> AUTHORIZATION =
      AttributeKey.stringArrayKey("http.request.header.authorization");

  @Test
  void scrubsTheBodyAndAttributesOfALoggedRecord() {
    LogRecordData log =
        exportOne(
            Value.of(
                "login failed for password=fake-pw-1 at https://admin:fake-pw-2@db.internal/x"),
            Attributes.builder()
                .put("exception.message", "token=fake-token-3 rejected")
                .put(
                    "exception.stacktrace",
                    "java.lang.IllegalStateException: api_key=fake-key-4\n\tat App.main")
                .put("thread.name", "main")
                .put(AUTHORIZATION, List.of("Bearer fakeopaque0123456789"))
                .build());

    assertThat(log.getBodyValue().asString())
        .isEqualTo(
            "login failed for password=[REDACTED:password] at https://admin:[REDACTED:basic-auth]@db.internal/x");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("token=[REDACTED:token] rejected");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("api_key=[REDACTED:api-key]")
        .doesNotContain("fake-key-4");
    assertThat(log.getAttributes().get(AttributeKey.stringKey("thread.name"))).isEqualTo("main");
    assertThat(log.getAttributes().get(AUTHORIZATION)).as("captured for Custody only").isNull();
  }

  @Test
  void scrubsAStructuredBodyToItsLeaves() {
    LogRecordData log =
        exportOne(
            Value.of(
                KeyValue.of("user", Value.of("alice")),
                KeyValue.of("password", Value.of("opaque")),
                KeyValue.of(
                    "notes", Value.of(Value.of("my token: zq_9f8S7dK2mP4xL1vQ8r"), Value.of(3L)))),
            Attributes.empty());

    assertThat(log.getBodyValue().asString())
        .contains("alice", "[REDACTED:password]", "my token: [REDACTED:token]", "3")
        .doesNotContain("opaque", "zq_9f8S7dK2mP4xL1vQ8r");
  }

  @Test
  void leavesARecordWithoutSecretsAsItWas() {
    InMemoryLogRecordExporter received = InMemoryLogRecordExporter.create();
    try (SdkLoggerProvider logs =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(received))
            .build()) {
      logs.get("test").logRecordBuilder().setBody("order A-17 shipped").emit();
      LogRecordData log = received.getFinishedLogRecordItems().get(0);

      assertThat(new ScrubbingLogRecordExporter(received, Set.of()).scrub(log)).isSameAs(log);
    }
  }

  private static LogRecordData exportOne(Value<?> body, Attributes attributes) {
    InMemoryLogRecordExporter received = InMemoryLogRecordExporter.create();
    try (SdkLoggerProvider logs =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(
                    new ScrubbingLogRecordExporter(received, Set.of(AUTHORIZATION))))
            .build()) {
      logs.get("test").logRecordBuilder().setBody(body).setAllAttributes(attributes).emit();
      return received.getFinishedLogRecordItems().get(0);
    }
  }
}
