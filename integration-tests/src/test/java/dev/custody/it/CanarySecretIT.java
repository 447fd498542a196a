package dev.custody.it;

import static dev.custody.it.harness.Canaries.randomToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canary secrets, fresh each run, travel through the app as its model API key, as the bearer token of a tool's HTTP
 * call and in its query string, inside the user's prompt (also given on the command line) and as a {@code -D}
 * password. Whatever the content mode, no exported byte may contain any of them.
 */
class CanarySecretIT {

  @ParameterizedTest
  @ValueSource(strings = {"off", "hash", "redacted", "full"})
  void noCanaryReachesAnExportedByte(String mode) throws Exception {
    String modelKey = "sk-proj-" + randomToken(40);
    String jwt = jwt("canary-user-" + randomToken(12));
    String password = randomToken(18);
    String awsSecret = awsSecretKey();
    String dbPassword = randomToken(16);
    String queryKey = randomToken(24);
    String prompt =
        "Where is order A-17? My key is " + modelKey + ", my password=" + password
            + ", use Authorization: Bearer " + jwt + " and aws_secret_access_key=" + awsSecret;

    try (OrderDesk desk = OrderDesk.open()) {
      desk.run(
          desk.app()
              .property("custody.capture.content", mode)
              .property("orders.db.password", dbPassword)
              .env("IT_MODEL_API_KEY", modelKey)
              .env("IT_BACKEND_TOKEN", jwt)
              .env("IT_BACKEND_QUERY", "?api_key=" + queryKey),
          prompt);
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST);

      // The canaries really went through the app and over the wire.
      assertThat(desk.model.requests()).anySatisfy(request -> {
        assertThat(request.authorization()).isEqualTo("Bearer " + modelKey);
        assertThat(request.body()).contains(password, awsSecret, jwt);
      });
      assertThat(desk.model.requests()).anySatisfy(request ->
          assertThat(request.authorization()).isEqualTo("Bearer " + jwt));

      for (String canary : List.of(modelKey, jwt, jwt.split("\\.")[1], password, awsSecret, dbPassword, queryKey)) {
        assertThat(desk.receiver.rawBytesContain(canary)).as("exported bytes contain %s", canary).isFalse();
      }
      assertIntentCapturedAsModeSays(spans.one("invoke_agent"), mode);
    }
  }

  private static void assertIntentCapturedAsModeSays(ReceivedSpan root, String mode) {
    switch (mode) {
      case "off" -> {
        assertThat(root.has("custody.intent.prompt")).isFalse();
        assertThat(root.has("custody.intent.prompt.hash")).isFalse();
      }
      case "hash" -> {
        assertThat(root.has("custody.intent.prompt")).isFalse();
        assertThat(root.attr("custody.intent.prompt.hash")).matches("sha256:[0-9a-f]{64}");
      }
      default -> {
        assertThat(root.attr("custody.intent.prompt"))
            .startsWith("Where is order A-17? My key is [REDACTED:api-key], my password=[REDACTED:password]")
            .contains("Bearer [REDACTED:", "aws_secret_access_key=[REDACTED:");
        assertThat(root.attr("custody.intent.prompt.hash")).matches("sha256:[0-9a-f]{64}");
      }
    }
  }

  /** 40 characters mixing upper case, lower case and digits, as AWS secret access keys do. */
  private static String awsSecretKey() {
    return "Ab1" + randomToken(37);
  }

  private static String jwt(String subject) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + randomToken(43);
  }
}
