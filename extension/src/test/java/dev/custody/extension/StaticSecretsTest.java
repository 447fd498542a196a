package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.scrub.SecretScrubber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSecretsTest {

  private final List<String> warnings = new ArrayList<>();

  @AfterEach
  void forget() {
    KnownSecrets.clear();
  }

  @Test
  void registersTheValuesOfVariablesAndPropertiesNamedLikeSecrets() {
    StaticSecrets.register(
        CustodyConfig.parse(Map.of(), warnings::add),
        Map.of(
            "OPENAI_API_KEY",
            "fake-openai-0123456789",
            "PARTITION_KEY",
            "orders",
            "HOME",
            "/home/agent",
            "DB_PASSWORD",
            "Fake-db-pass-1"),
        Map.of("orders.db.password", "fake.props.pw.9", "feature.flag.token", "true"),
        warnings::add);

    assertThat(SecretScrubber.scrub("keys fake-openai-0123456789 Fake-db-pass-1 fake.props.pw.9"))
        .isEqualTo("keys [REDACTED:credential] [REDACTED:credential] [REDACTED:credential]");
    assertThat(SecretScrubber.scrub("partition orders in /home/agent, token true"))
        .as("values that do not look like secrets, under the default names")
        .isEqualTo("partition orders in /home/agent, token true");
  }

  @Test
  void registersEveryValueOfTheNamesTheOperatorLists() {
    StaticSecrets.register(
        CustodyConfig.parse(Map.of("custody.secrets.names", "LEGACY_*,app.pin"), warnings::add),
        Map.of("LEGACY_SHARED", "plainword", "DB_PASSWORD", "Fake-db-pass-1"),
        Map.of("app.pin", "884422"),
        warnings::add);

    assertThat(SecretScrubber.scrub("plainword 884422 Fake-db-pass-1"))
        .isEqualTo("[REDACTED:credential] [REDACTED:credential] Fake-db-pass-1");
  }

  @Test
  void registersEachLineOfTheSecretsFile(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("secrets.txt"),
            "# ops vault export\nfake-line-secret-1\n\n  fake-2nd-secret  \n");

    StaticSecrets.register(
        CustodyConfig.parse(Map.of("custody.secrets.file", file.toString()), warnings::add),
        Map.of(),
        Map.of(),
        warnings::add);

    assertThat(SecretScrubber.scrub("a fake-line-secret-1 b fake-2nd-secret"))
        .isEqualTo("a [REDACTED:credential] b [REDACTED:credential]");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aMissingSecretsFileIsReportedNotThrown(@TempDir Path dir) {
    StaticSecrets.register(
        CustodyConfig.parse(
            Map.of("custody.secrets.file", dir.resolve("none.txt").toString()), warnings::add),
        Map.of(),
        Map.of(),
        warnings::add);

    assertThat(warnings).singleElement().asString().contains("custody.secrets.file", "none.txt");
  }
}
