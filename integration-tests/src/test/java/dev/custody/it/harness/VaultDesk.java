package dev.custody.it.harness;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.custody.testing.ScriptedVaultServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The world the Vault order desk apps ({@code test-apps/vault-java-driver-*}, {@code
 * test-apps/spring-vault-*}) run in: a scripted model that asks for {@code lookupOrder("A-17")} and
 * then answers, the order backend the tool calls (an order, its history, the orders report), a
 * scripted Vault holding the orders API settings (KV version 2, version 3, with a fresh canary API
 * key), denying the payroll secret and issuing {@code orders} and {@code reports} database
 * credentials, and the OTLP receiver the agent exports to.
 */
public final class VaultDesk implements AutoCloseable {

  public static final String ANSWER = "Order A-17 leaves the warehouse tomorrow.";
  public static final String ORDER = "A-17: packed, leaves the warehouse tomorrow";
  public static final String REPORT = "12 orders today";

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;
  public final ScriptedVaultServer vault;
  public final String apiKey =
      "orders-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

  private VaultDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(new ToolCall("lookupOrder", "{\"orderId\":\"A-17\"}")), ANSWER)
            .serve("/orders/A-17", ORDER)
            .serve("/reports/orders", REPORT);
    vault =
        ScriptedVaultServer.start()
            .kv2("secret", "orders-api", 3, Map.of("region", "eu-west-1", "api_key", apiKey))
            .denied("secret/data/payroll")
            .databaseRole("orders", 3600, 3600)
            .databaseRole("reports", 3600, 3600);
  }

  public static VaultDesk open() throws IOException {
    return new VaultDesk();
  }

  /** A Vault order desk app with the Custody agent, wired to this desk. */
  public ForkedApp app() {
    return ForkedApp.withCustody(receiver)
        .property("app.vault.url", vault.address())
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""));
  }

  /** Runs the app of {@code test-apps/<module>} and checks it answered. */
  public ForkedApp.Result run(ForkedApp app, String module) throws Exception {
    ForkedApp.Result result = app.runTestApp(module);
    if (result.exitCode() != 0 || !result.stdout().contains("ANSWER: " + ANSWER)) {
      throw new AssertionError(
          module + " failed: exit " + result.exitCode() + "\n" + result.stdout() + result.stderr());
    }
    return result;
  }

  /** Every value Vault handed out: secret data, database usernames and passwords, tokens. */
  public List<String> issuedValues() {
    List<String> values = new ArrayList<>(List.of(apiKey));
    vault
        .issuedLeases()
        .forEach(lease -> values.addAll(List.of(lease.username(), lease.password())));
    vault.issuedTokens().forEach(token -> values.add(token.token()));
    return values;
  }

  /** The single HTTP call {@code span} made. */
  public static ReceivedSpan httpCallOf(Spans spans, ReceivedSpan span) {
    List<ReceivedSpan> calls =
        spans.where(
            call ->
                call.kind() == SpanKind.SPAN_KIND_CLIENT
                    && call.parentSpanId().equals(span.spanId()));
    if (calls.size() != 1) {
      throw new AssertionError("expected one HTTP call under " + span + ", got " + calls);
    }
    return calls.get(0);
  }

  @Override
  public void close() {
    vault.close();
    model.close();
    receiver.close();
  }
}
