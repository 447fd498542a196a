package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.testing.ScriptedOpenAiServer;
import java.security.SecureRandom;
import java.util.List;

/**
 * Canary secrets for one run of a test app, fresh each run: the model API key, given in the
 * environment as {@code IT_MODEL_API_KEY}; a token the tool's backend returns inside its result
 * text; a password given as a {@code -D} system property, so it is on the command line the agent
 * describes the process by. After the run, {@link #assertPlantedAndNeverExported} checks each
 * really went through the app and that no exported byte holds any.
 */
public final class Canaries {

  private static final SecureRandom random = new SecureRandom();
  private static final String PASSWORD_PROPERTY = "app.db.password";

  public final String apiKey = "sk-proj-" + randomToken(40);
  public final String backendToken = randomToken(24);
  public final String password = randomToken(18);

  /** The app, given the API key and the password. */
  public ForkedApp plantIn(ForkedApp app) {
    return app.env("IT_MODEL_API_KEY", apiKey).property(PASSWORD_PROPERTY, password);
  }

  /**
   * {@code text} as the tool's backend returns it: followed by the backend token, in a shape the
   * scrubber knows.
   */
  public String backendText(String text) {
    return text + "; token=" + backendToken;
  }

  /** What content captured in redacted mode shows of {@link #backendText}. */
  public static String redactedBackendText(String text) {
    return text + "; token=[REDACTED:token]";
  }

  /**
   * The model got the API key and, in a tool result, the backend token; the command line with the
   * password was exported; no exported byte holds any canary.
   */
  public void assertPlantedAndNeverExported(ScriptedOpenAiServer model, OtlpReceiver receiver) {
    List<ScriptedOpenAiServer.Request> requests = model.requests();
    assertThat(requests)
        .anySatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + apiKey));
    assertThat(requests)
        .as("the tool results the model got")
        .anySatisfy(request -> assertThat(request.body()).contains("token=" + backendToken));
    // The stock agent masks it (=***); either way the process's arguments are exported without the
    // password.
    assertThat(receiver.rawBytesContain("-D" + PASSWORD_PROPERTY + "="))
        .as("the command line is exported")
        .isTrue();
    for (String canary : List.of(apiKey, backendToken, password)) {
      assertThat(receiver.rawBytesContain(canary))
          .as("exported bytes contain %s", canary)
          .isFalse();
    }
  }

  /** Random letters and digits, without look-alikes. */
  public static String randomToken(int length) {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }
}
