package dev.custody.extension.credentials;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CredentialLedger;
import dev.custody.extension.CustodyCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialUseSpanProcessorTest {

  private static final String TOKEN = "fake-token-0123456789";
  private static final String DB_PASSWORD = "fake-db-pass-42";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .addSpanProcessor(new CredentialUseSpanProcessor())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();

  @BeforeEach
  void obtainCredentials() {
    CredentialLedger.Issuance issuance = new CredentialLedger.Issuance("case", "t", "s");
    CredentialLedger.obtained("azure-identity:client-7", issuance, List.of(TOKEN));
    CredentialLedger.obtained("vault:database/creds/agent", issuance, List.of(DB_PASSWORD));
  }

  @AfterEach
  void forget() {
    tracerProvider.close();
    CredentialLedger.clear();
  }

  @Test
  void namesTheCredentialABearerTokenBelongsTo() {
    assertThat(used(span -> span.setAttribute(header("authorization"), List.of("Bearer " + TOKEN))))
        .isEqualTo("azure-identity:client-7");
  }

  @Test
  void namesTheCredentialBehindBasicAuth() {
    String basic =
        Base64.getEncoder()
            .encodeToString(("agent:" + DB_PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(used(span -> span.setAttribute(header("authorization"), List.of("Basic " + basic))))
        .isEqualTo("vault:database/creds/agent");
  }

  @Test
  void namesTheCredentialInAnApiKeyHeaderOrTheQueryString() {
    assertThat(used(span -> span.setAttribute(header("x-api-key"), List.of(TOKEN))))
        .isEqualTo("azure-identity:client-7");
    assertThat(
            used(
                span ->
                    span.setAttribute(
                        "url.full", "https://api.example/v1/items?page=2&key=" + TOKEN)))
        .isEqualTo("azure-identity:client-7");
  }

  @Test
  void namesNothingForUnknownValuesOrNonClientSpans() {
    assertThat(
            used(
                span ->
                    span.setAttribute(
                        header("authorization"), List.of("Bearer unrelated-token-99"))))
        .isNull();
    assertThat(
            usedBy(
                SpanKind.SERVER,
                span -> span.setAttribute(header("authorization"), List.of("Bearer " + TOKEN))))
        .isNull();
  }

  private String used(UnaryOperator<SpanBuilder> attributes) {
    return usedBy(SpanKind.CLIENT, attributes);
  }

  private String usedBy(SpanKind kind, UnaryOperator<SpanBuilder> attributes) {
    exporter.reset();
    attributes
        .apply(tracerProvider.get("test").spanBuilder("GET").setSpanKind(kind))
        .startSpan()
        .end();
    SpanData span = exporter.getFinishedSpanItems().get(0);
    return span.getAttributes().get(CREDENTIAL_USED);
  }

  private static AttributeKey<List<String>> header(String name) {
    return CustodyCapture.httpRequestHeader(name);
  }
}
