package dev.custody.extension.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.config.CustodyConfig;
import dev.custody.testing.WorkloadFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured identity file that proves nothing is named at start-up, with why. */
class ConfiguredIdentityFilesTest {

  @TempDir Path dir;

  @Test
  void aMissingSvidFileIsNamed() {
    assertThat(
            problems(
                Map.of("custody.workload.spiffe.svid_path", dir.resolve("svid.pem").toString())))
        .containsExactly(
            "Custody: custody.workload.spiffe.svid_path='"
                + dir.resolve("svid.pem")
                + "' does not exist: the"
                + " workload identity is detected with no SVID, and again when the file changes (checked every 30 s).");
  }

  @Test
  void aDirectoryWithoutAnSvidIsNamed() {
    assertThat(problems(Map.of("custody.workload.spiffe.svid_path", dir.toString())))
        .singleElement()
        .asString()
        .contains("is a directory holding neither svid.pem nor tls.crt");
  }

  @Test
  void aFileThatIsNoCertificateIsNamed() throws IOException {
    Path notPem = Files.writeString(dir.resolve("svid.pem"), "not a certificate");

    Map<String, String> settings =
        Map.of(
            "custody.workload.spiffe.svid_path",
            notPem.toString(),
            "custody.workload.refresh_s",
            "0");

    assertThat(problems(settings))
        .containsExactly(
            "Custody: custody.workload.spiffe.svid_path='"
                + notPem
                + "' holds no X.509 certificate with a spiffe://"
                + " URI: the workload identity is detected with no SVID.");
  }

  @Test
  void aDirectoryGivenAsTheKubernetesTokenIsNamed() {
    assertThat(problems(Map.of("custody.workload.kubernetes.token_path", dir.toString())))
        .singleElement()
        .asString()
        .contains(
            "custody.workload.kubernetes.token_path='"
                + dir
                + "' is a directory, not the token file");
  }

  @Test
  void aTokenFileWithoutAJwtIsNamed() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "not-a-jwt");

    assertThat(problems(Map.of("custody.workload.kubernetes.token_path", token.toString())))
        .singleElement()
        .asString()
        .contains("holds no JWT with a subject: the workload identity is detected with no token");
  }

  @Test
  void filesThatProveTheIdentityAndTheDefaultTokenPathRaiseNothing() throws Exception {
    String pem =
        WorkloadFixtures.svidPem(dir, "spiffe://prod.example/agent", "2030/01/01 00:00:00", 1);
    Path svid = Files.writeString(dir.resolve("svid.pem"), pem);

    assertThat(problems(Map.of("custody.workload.spiffe.svid_path", svid.toString()))).isEmpty();
    assertThat(problems(Map.of("custody.workload.spiffe.svid_path", dir.toString())))
        .as("a directory with svid.pem")
        .isEmpty();
    assertThat(problems(Map.of())).as("the default token path, absent off Kubernetes").isEmpty();
  }

  private static List<String> problems(Map<String, String> settings) {
    return ConfiguredIdentityFiles.problems(CustodyConfig.parse(settings, warning -> {}));
  }
}
