package dev.custody.it.harness;

import static dev.custody.it.harness.Canaries.randomToken;

import dev.custody.testing.Json;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.custody.testing.ScriptedVaultServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world of the canary desk app ({@code test-apps/canary-desk}) and its canaries, fresh each
 * run: the inventory API key in Vault, which the app reads at start-up and then handles in every
 * way a careless service does, in five encodings (the {@link #note}); the staging key, which the
 * user types into the first task before the tool fetches it; a key of no known vendor, typed next
 * to the word "key", never fetched; the model API key (in the environment), a database password (on
 * the command line) and, in the second task's prompt, a JWT, an AWS secret access key and a
 * password. Every metric, log record and span goes to the OTLP receiver, and spans also to a file.
 */
public final class CanaryDesk implements AutoCloseable {

  public static final String ANSWER = "Stock checked.";

  /** The inventory API key: with a quote and a backslash, so its JSON form differs. */
  public final String apiKey =
      "Cnry" + randomToken(12) + "\"" + randomToken(12) + "\\" + randomToken(8);

  public final String stagingKey = randomToken(40);
  public final String unknownVendorKey = "zq_" + randomToken(30);
  public final String modelKey = "sk-proj-" + randomToken(40);
  public final String dbPassword = randomToken(16);
  public final String promptPassword = randomToken(18);
  public final String awsSecret = "Ab1" + randomToken(37);
  public final String jwt = jwt("canary-user-" + randomToken(12));

  /**
   * The inventory API key as it is, JSON-escaped, base64, URL-encoded and hex, as the app's note
   * carries it.
   */
  public final Map<String, String> apiKeyForms = forms(apiKey);

  public final String note = noteOf(apiKeyForms);

  /** The key that signs the integrity checkpoints: only its public half may ever leave. */
  public final KeyPair integrityKey = integrityKey();

  private final Path integrityKeyFile = pem(integrityKey);

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;
  public final ScriptedVaultServer vault;

  public CanaryDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(
                    new ToolCall("checkInventory", "{\"note\":" + json(note) + "}"),
                    new ToolCall("auditInventory", "{\"sku\":\"A-17\"}")),
                ANSWER + " " + note)
            .serve("/inventory", "12 in stock");
    vault =
        ScriptedVaultServer.start()
            .kv2("secret", "inventory", 1, Map.of("api_key", apiKey))
            .kv2("secret", "inventory-staging", 1, Map.of("api_key", stagingKey));
  }

  /** The first task: the user gives the staging key before the agent fetches it. */
  public String stagingTask() {
    return "Restock aisle 4. If you need the inventory API, my key is " + stagingKey;
  }

  /** The second task: every other canary in one prompt. */
  public String secondTask() {
    return "Check the stock again for "
        + note
        + ". The warehouse key is "
        + unknownVendorKey
        + ", my password="
        + promptPassword
        + ", use Authorization: Bearer "
        + jwt
        + " and aws_secret_access_key="
        + awsSecret;
  }

  /** The app with every exporter on, spans also written to {@code spansFile}. */
  public ForkedApp app(String contentMode, Path spansFile) {
    return ForkedApp.withCustody(receiver)
        .property("otel.metrics.exporter", "otlp")
        .property("otel.logs.exporter", "otlp")
        .property("otel.metric.export.interval", "500")
        .property("otel.traces.exporter", "otlp,custody-file")
        .property("custody.file.path", spansFile.toString())
        .property("otel.instrumentation.http.client.capture-request-headers", "x-inventory-note")
        .property("custody.capture.content", contentMode)
        .property("custody.integrity.key_path", integrityKeyFile.toString())
        .property("inventory.db.password", dbPassword)
        .property("app.vault.url", vault.address())
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""))
        .env("IT_MODEL_API_KEY", modelKey)
        .env("APP_TASK_1", stagingTask())
        .env("APP_TASK_2", secondTask());
  }

  /** Runs the app and checks it answered both tasks. */
  public ForkedApp.Result run(ForkedApp app) throws Exception {
    ForkedApp.Result result = app.runTestApp("canary-desk");
    long answers =
        result.stdout().lines().filter(line -> line.startsWith("ANSWER: " + ANSWER)).count();
    if (result.exitCode() != 0 || answers != 2) {
      throw new AssertionError(
          "the app failed: exit " + result.exitCode() + "\n" + result.stdout() + result.stderr());
    }
    return result;
  }

  /** Every canary, in every form it may leave in; none may be in any byte exported or written. */
  public Map<String, String> everyCanary() {
    Map<String, String> canaries = new LinkedHashMap<>();
    apiKeyForms.forEach((form, value) -> canaries.put("inventory key, " + form, value));
    canaries.put(
        "inventory key, basic credentials",
        Base64.getEncoder()
            .encodeToString(("inventory:" + apiKey).getBytes(StandardCharsets.UTF_8)));
    canaries.put("staging key typed before its fetch", stagingKey);
    byte[] seed = ((EdECPrivateKey) integrityKey.getPrivate()).getBytes().orElseThrow();
    canaries.put(
        "integrity private key, PKCS#8",
        Base64.getEncoder().encodeToString(integrityKey.getPrivate().getEncoded()));
    canaries.put("integrity private key, seed base64", Base64.getEncoder().encodeToString(seed));
    canaries.put("integrity private key, seed hex", HexFormat.of().formatHex(seed));
    canaries.put("key of an unknown vendor", unknownVendorKey);
    canaries.put("model API key", modelKey);
    canaries.put("database password on the command line", dbPassword);
    canaries.put("password in the prompt", promptPassword);
    canaries.put("AWS secret access key in the prompt", awsSecret);
    canaries.put("JWT in the prompt", jwt);
    canaries.put("JWT payload", jwt.split("\\.")[1]);
    vault.issuedTokens().forEach(token -> canaries.put("Vault token", token.token()));
    return canaries;
  }

  @Override
  public void close() {
    model.close();
    vault.close();
    receiver.close();
  }

  private static Map<String, String> forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("plain", value);
    forms.put("JSON-escaped", json(value).substring(1, json(value).length() - 1));
    forms.put("base64", Base64.getEncoder().encodeToString(bytes));
    forms.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.put("URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8));
    forms.put("hex", HexFormat.of().formatHex(bytes));
    forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
    return forms;
  }

  private static String noteOf(Map<String, String> forms) {
    List<String> parts = new ArrayList<>();
    forms.forEach((form, value) -> parts.add(form.replace(' ', '-') + "=" + value));
    return String.join(" ", parts);
  }

  private static String json(String text) {
    return Json.quote(text);
  }

  private static String jwt(String subject) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header =
        url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        url.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + randomToken(43);
  }

  private static KeyPair integrityKey() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key as {@code openssl genpkey -algorithm ed25519} writes it. */
  private static Path pem(KeyPair key) {
    try {
      Path file = Files.createTempFile("custody-canary", ".key");
      file.toFile().deleteOnExit();
      return Files.writeString(
          file,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getEncoder().encodeToString(key.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
