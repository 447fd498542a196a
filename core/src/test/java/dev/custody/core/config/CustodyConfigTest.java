package dev.custody.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.core.content.CaptureMode;
import dev.custody.core.content.ContentFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustodyConfigTest {

  private final List<String> warnings = new ArrayList<>();

  @AfterEach
  void restorePublishedSettings() {
    CustodySettings.publish(Map.of());
  }

  @Test
  void defaults() {
    CustodyConfig config = CustodyConfig.parse(Map.of(), warnings::add);

    for (ContentFamily family : ContentFamily.values()) {
      assertThat(config.mode(family)).isEqualTo(CaptureMode.REDACTED);
    }
    assertThat(config.maxLength()).isEqualTo(4096);
    assertThat(config.filePath()).isEqualTo("custody-traces.jsonl");
    assertThat(config.console()).isFalse();
    assertThat(config.hashKey()).isNull();
    assertThat(config.workloadId()).isNull();
    assertThat(config.svidPath()).isNull();
    assertThat(config.kubernetesTokenPath())
        .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/token");
    assertThat(config.workloadRefreshSeconds()).isEqualTo(30);
    assertThat(config.endUserHeader()).isNull();
    assertThat(config.endUserClaim()).isEqualTo("sub");
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "custody.capture.content    | verbose | off, hash, redacted, full",
        "custody.capture.tool       | verbose | off, hash, redacted, full",
        "custody.capture.max_length | abc     | a whole number from 1 to 1048576",
        "custody.capture.max_length | 0       | a whole number from 1 to 1048576",
        "custody.capture.max_length | -5      | a whole number from 1 to 1048576",
        "custody.capture.max_length | 2000000 | a whole number from 1 to 1048576",
        "custody.console            | yes     | true, false",
        "custody.workload.refresh_s | -1      | a whole number of seconds from 0 (never) to 86400",
        "custody.enduser.header     | Authorization | a request header name other than authorization",
      })
  void anInvalidValueIsReportedInOneLineAndTheDefaultIsUsed(
      String key, String value, String accepted) {
    CustodyConfig config = CustodyConfig.parse(Map.of(key, value), warnings::add);

    assertThat(warnings).singleElement().asString().contains(key, "'" + value + "'", accepted);
    assertThat(config.mode(ContentFamily.TOOL)).isEqualTo(CaptureMode.REDACTED);
    assertThat(config.maxLength()).isEqualTo(4096);
    assertThat(config.console()).isFalse();
  }

  @Test
  void theWarningSaysWhatIsUsedInstead() {
    CustodyConfig.parse(Map.of("custody.capture.max_length", "abc"), warnings::add);

    assertThat(warnings)
        .containsExactly(
            "Custody: ignoring custody.capture.max_length='abc': "
                + "accepted values are a whole number from 1 to 1048576; using 4096.");
  }

  @Test
  void parsesValidValues() {
    CustodyConfig config =
        CustodyConfig.parse(
            Map.of(
                "custody.capture.content", "FULL",
                "custody.capture.prompt", " Hash ",
                "custody.capture.max_length", "100",
                "custody.hash.key", "fake-hash-key",
                "custody.file.path", " /tmp/audit.jsonl ",
                "custody.console", "TRUE",
                "custody.workload.id", " spiffe://example.org/travel "),
            warnings::add);

    assertThat(config.mode(ContentFamily.PROMPT)).isEqualTo(CaptureMode.HASH);
    assertThat(config.mode(ContentFamily.TOOL)).isEqualTo(CaptureMode.FULL);
    assertThat(config.mode(ContentFamily.MESSAGES)).isEqualTo(CaptureMode.FULL);
    assertThat(config.maxLength()).isEqualTo(100);
    assertThat(config.hashKey()).isEqualTo("fake-hash-key");
    assertThat(config.filePath()).isEqualTo("/tmp/audit.jsonl");
    assertThat(config.console()).isTrue();
    assertThat(config.workloadId()).isEqualTo("spiffe://example.org/travel");
    assertThat(warnings).isEmpty();
  }

  @Test
  void opaEndpointsAreACommaSeparatedList() {
    CustodyConfig config =
        CustodyConfig.parse(
            Map.of("custody.policy.opa.endpoints", " http://opa:8181 ,, https://opa.internal/ "),
            warnings::add);

    assertThat(config.opaEndpoints()).containsExactly("http://opa:8181", "https://opa.internal/");
    assertThat(CustodyConfig.parse(Map.of(), warnings::add).opaEndpoints()).isEmpty();
  }

  @Test
  void anOpaEndpointThatIsNoUrlIsLeftOutInOneLine() {
    CustodyConfig config =
        CustodyConfig.parse(
            Map.of("custody.policy.opa.endpoints", "opa:8181, http://opa.internal:8181, ftp://opa"),
            warnings::add);

    assertThat(config.opaEndpoints()).containsExactly("http://opa.internal:8181");
    assertThat(warnings)
        .containsExactly(
            "Custody: ignoring 'opa:8181' in custody.policy.opa.endpoints: accepted values are http:// or https://"
                + " base URLs such as http://opa:8181; using the other endpoints.",
            "Custody: ignoring 'ftp://opa' in custody.policy.opa.endpoints: accepted values are http:// or https://"
                + " base URLs such as http://opa:8181; using the other endpoints.");
  }

  @Test
  void withNoUsableOpaEndpointDecisionsAreToldByTheirShape() {
    CustodyConfig config =
        CustodyConfig.parse(Map.of("custody.policy.opa.endpoints", "garbage"), warnings::add);

    assertThat(config.opaEndpoints())
        .as("empty: every OPA call recognised by path and body")
        .isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .endsWith("using none (OPA calls are told by their path and body).");
  }

  @Test
  void parsesIdentitySettings() {
    CustodyConfig config =
        CustodyConfig.parse(
            Map.of(
                "custody.workload.spiffe.svid_path", "/run/spiffe/certs",
                "custody.workload.kubernetes.token_path", "/tmp/token",
                "custody.workload.refresh_s", "0",
                "custody.enduser.header", " X-User-Id ",
                "custody.enduser.claim", "email"),
            warnings::add);

    assertThat(config.svidPath()).isEqualTo("/run/spiffe/certs");
    assertThat(config.kubernetesTokenPath()).isEqualTo("/tmp/token");
    assertThat(config.workloadRefreshSeconds()).isZero();
    assertThat(config.endUserHeader()).isEqualTo("x-user-id");
    assertThat(config.endUserClaim()).isEqualTo("email");
    assertThat(warnings).isEmpty();
  }

  @Test
  void blankHashKeyAndWorkloadIdMeanUnset() {
    CustodyConfig config =
        CustodyConfig.parse(
            Map.of("custody.hash.key", " ", "custody.workload.id", ""), warnings::add);

    assertThat(config.hashKey()).isNull();
    assertThat(config.workloadId()).isNull();
  }

  @Test
  void keysListsEverySetting() {
    assertThat(CustodyConfig.keys())
        .containsExactlyInAnyOrder(
            "custody.capture.content",
            "custody.capture.max_length",
            "custody.hash.key",
            "custody.capture.prompt",
            "custody.capture.tool",
            "custody.capture.messages",
            "custody.capture.policy",
            "custody.file.path",
            "custody.console",
            "custody.workload.id",
            "custody.workload.spiffe.svid_path",
            "custody.workload.kubernetes.token_path",
            "custody.workload.refresh_s",
            "custody.enduser.header",
            "custody.enduser.claim",
            "custody.policy.opa.endpoints",
            "custody.scrub.budget_ms",
            "custody.scrub.secrets.max_mb",
            "custody.secrets.file",
            "custody.secrets.names");
  }

  @Test
  void currentFollowsThePublishedSettings() {
    CustodySettings.publish(Map.of("custody.capture.max_length", "100"));
    assertThat(CustodyConfig.current().maxLength()).isEqualTo(100);

    CustodySettings.publish(Map.of("custody.capture.max_length", "200"));
    assertThat(CustodyConfig.current().maxLength()).isEqualTo(200);

    CustodySettings.publish(Map.of());
    assertThat(CustodyConfig.current().maxLength()).isEqualTo(4096);
  }
}
