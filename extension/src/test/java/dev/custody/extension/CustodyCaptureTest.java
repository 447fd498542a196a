package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.config.CustodyConfig;
import dev.custody.extension.credentials.CredentialHeaders;
import dev.custody.extension.identity.EndUserSpanProcessor;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Custody has the agent capture on top of the user's own settings, and so what it drops before
 * export.
 */
class CustodyCaptureTest {

  static final String CLIENT_HEADERS = "otel.instrumentation.http.client.capture-request-headers";
  static final String SERVER_HEADERS = "otel.instrumentation.http.server.capture-request-headers";

  @Test
  void whatTheUserListedIsKeptAndOnlyWhatCustodyAddedIsDroppedOnTheKindItWasAddedFor() {
    CustodyCapture capture =
        new CustodyCapture(
            DefaultConfigProperties.createFromMap(
                Map.of(
                    SERVER_HEADERS, "Authorization, X-Request-Id", CLIENT_HEADERS, "x-api-key")));
    CredentialHeaders.captureOn(capture);
    EndUserSpanProcessor.captureOn(
        capture,
        CustodyConfig.parse(Map.of(CustodyConfig.ENDUSER_HEADER, "X-User-Id"), warning -> {}));

    assertThat(capture.settings().get(SERVER_HEADERS))
        .isEqualTo("authorization,x-request-id,x-user-id");
    assertThat(capture.settings().get(CLIENT_HEADERS)).startsWith("x-api-key,authorization,");
    assertThat(capture.addedKeys().get(SpanKind.SERVER))
        .containsExactly(CustodyCapture.httpRequestHeader("x-user-id"));
    assertThat(capture.addedKeys().get(SpanKind.CLIENT))
        .contains(CustodyCapture.httpRequestHeader("authorization"))
        .doesNotContain(CustodyCapture.httpRequestHeader("x-api-key"));
  }
}
