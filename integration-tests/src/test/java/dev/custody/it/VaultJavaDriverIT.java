package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.latestOutstandingExpiry;
import static dev.custody.it.harness.VaultDesk.httpCallOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.it.harness.CaseFindings;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.VaultDesk;
import dev.custody.testing.ScriptedVaultServer;
import dev.custody.testing.ScriptedVaultServer.IssuedLease;
import dev.custody.testing.ScriptedVaultServer.IssuedToken;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An agent whose tool gets its credentials from Vault with vault-java-driver, unmodified, 5.x and
 * 6.x: the token its login obtains, the KV secret it reads and the database leases it takes are
 * {@code fetch vault {path}} spans in its case, with what bounds their authority and never a value;
 * every call that presents one names it; a read Vault denies and one it does not answer in time are
 * errors; revocations end what they name, so the case root counts only what still grants authority;
 * the token's revocation after the case is still found by the case's id. A reports lease of one
 * second, presented after it ran out, and the order lease's credentials, presented again after
 * their revocation, are findings on the case root, as custody-cli finds them in the spans file.
 */
class VaultJavaDriverIT {

  static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  /**
   * Root, two turns and their calls, the tool: six fetches, two revocations, eleven calls;
   * revoke-self, its call.
   */
  static final int SPANS = 27;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"vault-java-driver-5", "vault-java-driver-6"})
  void credentialsAToolObtainsAreFetchesOfItsCaseThatItsCallsNameAndRevocationsEnd(String app)
      throws Exception {
    try (VaultDesk desk = VaultDesk.open()) {
      desk.vault.slow("secret/data/inventory", Duration.ofSeconds(3));
      desk.vault.databaseRole("reports", 1, 1); // run out by the time the tool uses it
      Path traces = dir.resolve("custody-traces.jsonl");
      ForkedApp.Result result =
          desk.run(
              desk.app()
                  .property("otel.traces.exporter", "otlp,custody-file")
                  .property("custody.file.path", traces.toString()),
              app);
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= SPANS);
      assertThat(spans.all()).hasSize(SPANS);

      ReceivedSpan root = spans.one("invoke_agent");
      ReceivedSpan tool = spans.one("execute_tool lookupOrder");
      IssuedToken token = single(desk.vault.issuedTokens());
      IssuedLease lease = desk.vault.issuedLeases().get(0);
      IssuedLease reports = desk.vault.issuedLeases().get(1);
      assertThat(reports.leaseId()).startsWith("database/creds/reports/");

      List<ReceivedSpan> fetches = spans.named("fetch vault");
      assertThat(fetches)
          .hasSize(6)
          .allSatisfy(
              fetch -> {
                assertThat(fetch.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
                assertThat(fetch.parentSpanId()).as("fetched by the tool").isEqualTo(tool.spanId());
                assertThat(fetch.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
                assertThat(fetch.attr("custody.credential.provider")).isEqualTo("vault");
              });

      assertThat(fetches)
          .extracting(ReceivedSpan::name)
          .as("named by the path, never a lease id")
          .containsExactlyInAnyOrder(
              "fetch vault auth/approle/login",
              "fetch vault secret/orders-api",
              "fetch vault database/creds/orders",
              "fetch vault database/creds/reports",
              "fetch vault secret/payroll",
              "fetch vault secret/inventory");

      ReceivedSpan login = withAttr(fetches, "custody.credential.kind", "token");
      assertThat(login.attr("custody.credential.id"))
          .as("the token's accessor")
          .isEqualTo(token.accessor());
      assertThat(login.attr("custody.credential.principal"))
          .isEqualTo(ScriptedVaultServer.ENTITY_ID);
      assertThat(login.attr("custody.credential.ttl_s")).isEqualTo("3600");
      assertThat(login.attr("custody.credential.renewable")).isEqualTo("true");
      assertThat(login.attr("custody.credential.issued_at")).matches(RFC_3339);
      assertThat(login.attr("custody.credential.expires_at")).matches(RFC_3339);
      assertThat(httpCallOf(spans, login).attr("url.full")).contains("/v1/auth/approle/login");

      ReceivedSpan secret = withAttr(fetches, "custody.credential.id", "secret/orders-api");
      assertThat(secret.attr("custody.credential.kind")).isEqualTo("secret");
      assertThat(secret.attr("custody.credential.version")).isEqualTo("3");
      assertThat(secret.attr("custody.credential.expiry")).as("a static secret").isEqualTo("none");
      assertThat(secret.has("custody.credential.expires_at")).isFalse();
      assertThat(secret.attr("custody.credential.principal"))
          .isEqualTo(ScriptedVaultServer.ENTITY_ID);
      assertThat(secret.attr("custody.credential.issued_at")).matches(RFC_3339);
      ReceivedSpan secretRead = httpCallOf(spans, secret);
      assertThat(secretRead.attr("url.full")).contains("/v1/secret/data/orders-api");
      assertThat(secretRead.attr("custody.credential.used"))
          .as("its X-Vault-Token")
          .isEqualTo(token.accessor());

      ReceivedSpan database = withAttr(fetches, "custody.credential.id", lease.leaseId());
      assertThat(database.attr("custody.credential.kind")).isEqualTo("lease");
      assertThat(database.attr("custody.credential.lease_id")).isEqualTo(lease.leaseId());
      assertThat(database.attr("custody.credential.ttl_s")).isEqualTo("3600");
      assertThat(database.attr("custody.credential.renewable")).isEqualTo("true");
      assertThat(database.attr("custody.credential.expires_at")).matches(RFC_3339);
      assertThat(database.attr("custody.credential.principal"))
          .isEqualTo(ScriptedVaultServer.ENTITY_ID);
      assertThat(httpCallOf(spans, database).attr("url.full"))
          .contains("/v1/database/creds/orders");
      ReceivedSpan reportsFetch = withAttr(fetches, "custody.credential.id", reports.leaseId());
      assertThat(reportsFetch.attr("custody.credential.kind")).isEqualTo("lease");
      assertThat(reportsFetch.attr("custody.credential.ttl_s")).isEqualTo("1");

      ReceivedSpan denied = withAttr(fetches, "custody.credential.id", "secret/payroll");
      assertThat(denied.isError()).as("Vault's 403, which the driver returns").isTrue();
      assertThat(denied.attr("error.type")).isEqualTo("403");
      assertThat(denied.has("custody.credential.kind")).isFalse();
      assertThat(httpCallOf(spans, denied).attr("http.response.status_code")).isEqualTo("403");

      ReceivedSpan timedOut = withAttr(fetches, "custody.credential.id", "secret/inventory");
      assertThat(timedOut.isError())
          .as("the read Vault did not answer within its timeout")
          .isTrue();
      assertThat(timedOut.attr("error.type")).isEqualTo("io.github.jopenlibs.vault.VaultException");
      assertThat(timedOut.has("custody.credential.kind")).isFalse();
      ReceivedSpan unanswered = httpCallOf(spans, timedOut);
      assertThat(unanswered.attr("url.full")).contains("/v1/secret/data/inventory");
      assertThat(unanswered.isError()).isTrue();
      assertThat(desk.vault.requests())
          .as("asked once, the driver's default is no retry")
          .filteredOn(request -> request.path().contains("inventory"))
          .hasSize(1);
      assertThat(result.stdout())
          .as("the app caught the driver's exception as it always does")
          .containsPattern(
              "INVENTORY UNAVAILABLE: io\\.github\\.jopenlibs\\.vault\\.VaultException: .*timed out");

      ReceivedSpan backendCall = withAttr(spans.all(), "url.full", desk.model.url("/orders/A-17"));
      assertThat(backendCall.parentSpanId()).isEqualTo(tool.spanId());
      assertThat(backendCall.attr("custody.credential.used"))
          .as("the lease's password, basic auth")
          .isEqualTo(lease.leaseId());
      assertThat(desk.model.requests())
          .filteredOn(request -> request.path().equals("/orders/A-17"))
          .singleElement()
          .satisfies(
              request -> assertThat(request.authorization()).isEqualTo("Basic " + basic(lease)));

      ReceivedSpan reportCall =
          withAttr(spans.all(), "url.full", desk.model.url("/reports/orders"));
      assertThat(reportCall.parentSpanId()).isEqualTo(tool.spanId());
      assertThat(reportCall.attr("custody.credential.used")).isEqualTo(reports.leaseId());
      ReceivedSpan historyCall =
          withAttr(spans.all(), "url.full", desk.model.url("/orders/A-17/history"));
      assertThat(historyCall.parentSpanId()).isEqualTo(tool.spanId());
      assertThat(historyCall.attr("custody.credential.used"))
          .as("the revoked lease's password, kept by the tool")
          .isEqualTo(lease.leaseId());

      ReceivedSpan leaseRevocation =
          withAttr(spans.named("revoke vault"), "custody.credential.id", lease.leaseId());
      assertThat(leaseRevocation.name()).isEqualTo("revoke vault lease");
      assertThat(leaseRevocation.attr("custody.teardown.kind")).isEqualTo("revoke");
      assertThat(leaseRevocation.parentSpanId())
          .as("revoked by the tool, in its case")
          .isEqualTo(tool.spanId());
      assertThat(leaseRevocation.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
      assertThat(leaseRevocation.linkedSpanIds())
          .as("linked to the fetch")
          .containsExactly(database.spanId());
      assertThat(httpCallOf(spans, leaseRevocation).attr("url.full"))
          .contains("/v1/sys/leases/revoke");

      ReceivedSpan prefixRevocation =
          withAttr(spans.named("revoke vault"), "custody.credential.id", "database/creds/reports");
      assertThat(prefixRevocation.name()).isEqualTo("revoke vault leases database/creds/reports");
      assertThat(prefixRevocation.attr("custody.teardown.kind")).isEqualTo("revoke");
      assertThat(prefixRevocation.parentSpanId()).isEqualTo(tool.spanId());
      assertThat(httpCallOf(spans, prefixRevocation).attr("url.full"))
          .contains("/v1/sys/leases/revoke-prefix/database/creds/reports");

      ReceivedSpan tokenRevocation =
          withAttr(spans.named("revoke vault"), "custody.credential.id", token.accessor());
      assertThat(tokenRevocation.name()).isEqualTo("revoke vault token");
      assertThat(tokenRevocation.attr("custody.teardown.kind")).isEqualTo("revoke");
      assertThat(tokenRevocation.parentSpanId()).as("after the case").isEmpty();
      assertThat(tokenRevocation.traceId()).isNotEqualTo(root.traceId());
      assertThat(tokenRevocation.attr("custody.case.id"))
          .as("found by the case's id")
          .isEqualTo(root.attr("custody.case.id"));
      assertThat(tokenRevocation.linkedSpanIds())
          .as("linked to the login")
          .containsExactly(login.spanId());
      assertThat(httpCallOf(spans, tokenRevocation).attr("custody.credential.used"))
          .isEqualTo(token.accessor());

      assertThat(root.attr("custody.credentials.outstanding"))
          .as("the token and the KV secret, not the revoked leases nor the reads that failed")
          .isEqualTo("2");
      assertThat(root.attr("custody.authority.unbounded")).isEqualTo("true");
      assertThat(root.attrList("custody.authority.unbounded_by"))
          .as("the KV secret never expires")
          .containsExactly("secret/orders-api");
      assertThat(root.attr("custody.authority.ends_at"))
          .as("the token's expiry")
          .isEqualTo(latestOutstandingExpiry(root));
      assertThat(root.attr("custody.authority.ended_by")).isEqualTo("outstanding");
      assertThat(outstandingCredentials(root))
          .containsExactlyInAnyOrder(token.accessor(), "secret/orders-api");

      JsonNode investigated =
          CustodyTool.run("case", root.attr("custody.case.id"), "--file", traces.toString())
              .report()
              .get("cases")
              .get(0);
      CaseFindings.assertRootCarries(root, investigated);
      assertFinding(
          root,
          investigated,
          "credential-used-after-expiry",
          reportCall,
          "'GET' presented "
              + Pattern.quote(reports.leaseId())
              + " \\d+ m?s after it expired \\("
              + reportsFetch.attr("custody.credential.expires_at")
              + "\\)");
      assertFinding(
          root,
          investigated,
          "credential-used-after-revocation",
          historyCall,
          "'GET' presented "
              + Pattern.quote(lease.leaseId())
              + " \\d+ m?s after 'revoke vault lease' revoked it");

      assertThat(desk.vault.requests())
          .filteredOn(request -> request.path().contains("orders-api"))
          .singleElement()
          .satisfies(request -> assertThat(request.vaultToken()).isEqualTo(token.token()));
      String file = Files.readString(traces, StandardCharsets.UTF_8);
      for (String value : desk.issuedValues()) {
        assertThat(desk.receiver.rawBytesContain(value))
            .as("exported bytes contain %s", value)
            .isFalse();
        assertThat(file).as("the spans file holds %s", value).doesNotContain(value);
      }
    }
  }

  /**
   * The single finding of {@code rule} on the root, as a {@code custody.finding} event, and in
   * custody-cli's report of the case: on {@code span}, its summary matching {@code summary} (which
   * names the credential, never its value).
   */
  static void assertFinding(
      ReceivedSpan root, JsonNode investigated, String rule, ReceivedSpan span, String summary) {
    List<Map<String, String>> events = root.events("custody.finding");
    List<Map<String, String>> ofRule =
        events.stream().filter(e -> rule.equals(e.get("custody.finding.rule"))).toList();
    assertThat(ofRule).as("%s among the root's findings %s", rule, events).hasSize(1);
    Map<String, String> event = ofRule.get(0);
    assertThat(event)
        .containsEntry("custody.finding.severity", "high")
        .containsEntry("custody.finding.span_id", span.spanId());
    assertThat(event.get("custody.finding.summary")).matches(summary);
    JsonNode found = null;
    for (JsonNode finding : investigated.get("findings")) {
      if (rule.equals(finding.get("rule").asText())) {
        assertThat(found).as("one %s finding in %s", rule, investigated).isNull();
        found = finding;
      }
    }
    assertThat(found).as("custody-cli finds %s", rule).isNotNull();
    assertThat(found.get("severity").asText()).isEqualTo("high");
    assertThat(found.get("span_id").asText()).isEqualTo(span.spanId());
    assertThat(found.get("summary").asText()).isEqualTo(event.get("custody.finding.summary"));
    List<String> mapsTo = new ArrayList<>();
    found.get("maps_to").forEach(id -> mapsTo.add(id.asText()));
    assertThat(mapsTo).as("both credential-use rules").containsExactly("ASI03", "LLM06", "MANAGE");
  }

  static ReceivedSpan withAttr(List<ReceivedSpan> spans, String key, String value) {
    List<ReceivedSpan> found = spans.stream().filter(span -> value.equals(span.attr(key))).toList();
    assertThat(found).as("spans with %s=%s in %s", key, value, spans).hasSize(1);
    return found.get(0);
  }

  /** The credential ids of the root's {@code custody.credential.outstanding} events. */
  static List<String> outstandingCredentials(ReceivedSpan root) {
    return root.proto().getEventsList().stream()
        .filter(event -> event.getName().equals("custody.credential.outstanding"))
        .flatMap(event -> event.getAttributesList().stream())
        .filter(attribute -> attribute.getKey().equals("custody.credential.id"))
        .map(attribute -> attribute.getValue().getStringValue())
        .toList();
  }

  static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static String basic(IssuedLease lease) {
    String credentials = lease.username() + ":" + lease.password();
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
