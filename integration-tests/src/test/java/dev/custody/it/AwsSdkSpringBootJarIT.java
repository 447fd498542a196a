package dev.custody.it;

import static dev.custody.testing.ScriptedAwsServer.secretArn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedAwsServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The ops desk of {@link AwsSdkCredentialsIT} packaged as a Spring Boot fat jar: the SDK, nested
 * under {@code BOOT-INF/lib}, is loaded by Spring Boot's class loader, which must still serve it
 * the interceptor Custody adds.
 */
class AwsSdkSpringBootJarIT {

  @Test
  void theInterceptorIsRegisteredInsideASpringBootFatJar() throws Exception {
    Path jar =
        Path.of(
            System.getProperty("custody.test-apps.dir"),
            "aws-sdk-2-boot",
            "target",
            "aws-sdk-2-boot.jar");
    try (ZipFile fatJar = new ZipFile(jar.toFile())) {
      assertThat(fatJar.getEntry("org/springframework/boot/loader/launch/JarLauncher.class"))
          .isNotNull();
      assertThat(fatJar.getEntry("BOOT-INF/lib/sdk-core-2.57.8.jar")).isNotNull();
    }
    String inventoryToken = "inventory-canary-" + Long.toHexString(System.nanoTime());
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(List.of(new ToolCall("readSecrets", "{}")), "Read.");
        ScriptedAwsServer aws =
            ScriptedAwsServer.start()
                .secret("orders-db", "{\"password\":\"orders-db-canary\"}")
                .secret("inventory-token", inventoryToken)) {
      ForkedApp.Result result =
          ForkedApp.withCustody(receiver)
              .property("app.model.url", model.baseUrl())
              .property("app.aws.url", aws.endpoint())
              .runTestApp("aws-sdk-2-boot");
      assertThat(result.stdout()).as(result.stderr()).contains("ANSWER: Read.");

      Spans spans =
          receiver.awaitSpans(
              received ->
                  received.named("invoke_agent").size() == 1
                      && received.named("SecretsManager.BatchGetSecretValue").size() == 1);
      ReceivedSpan root = spans.one("invoke_agent");
      List<ReceivedSpan> fetches = spans.named("fetch aws-secretsmanager");
      assertThat(fetches)
          .extracting(fetch -> fetch.attr("custody.credential.id"))
          .containsExactlyInAnyOrder(secretArn("orders-db"), secretArn("inventory-token"));
      assertThat(fetches)
          .allSatisfy(
              fetch -> {
                assertThat(fetch.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
                assertThat(fetch.attr("custody.credential.expiry")).isEqualTo("none");
              });
      assertThat(root.attr("custody.credentials.outstanding")).isEqualTo("2");
      assertThat(receiver.rawBytesContain(inventoryToken)).isFalse();
      assertThat(receiver.rawBytesContain("orders-db-canary"))
          .as("a member of a secret read as JSON")
          .isFalse();
    }
  }
}
