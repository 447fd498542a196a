package dev.custody.it;

import static dev.custody.it.VaultJavaDriverIT.RFC_3339;
import static dev.custody.it.VaultJavaDriverIT.outstandingCredentials;
import static dev.custody.it.VaultJavaDriverIT.single;
import static dev.custody.it.VaultJavaDriverIT.withAttr;
import static dev.custody.it.harness.CredentialTraces.latestOutstandingExpiry;
import static dev.custody.it.harness.VaultDesk.httpCallOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.it.harness.CaseFindings;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.VaultDesk;
import dev.custody.testing.ScriptedVaultServer;
import dev.custody.testing.ScriptedVaultServer.IssuedLease;
import dev.custody.testing.ScriptedVaultServer.IssuedToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An agent whose tool gets its credentials from Vault with Spring Vault, unmodified, 3.x and 4.x:
 * the session's AppRole login, the KV secret read and the leases a lease container takes are {@code
 * fetch vault ...} spans in the case; then, on the container's scheduler and at shutdown, outside
 * the case, each lease rotated, given up or revoked and the token revoked is a span of its own
 * trace, linked to the fetch that obtained it and carrying the id of the case it served, so {@code
 * custody-cli case} lists it with the case.
 */
class SpringVaultIT {

  @TempDir Path dir;

  static final String ORDERS = "database/creds/orders-rotating/";
  static final String REPORTS = "database/creds/reports/";

  @ParameterizedTest
  @ValueSource(strings = {"spring-vault-3", "spring-vault-4"})
  void credentialsOfTheCaseAndTheirLeaseLifecycleAfterIt(String app) throws Exception {
    try (VaultDesk desk = VaultDesk.open()) {
      // Leases of 4 s renewed to 1 s: the container (renewing 2 s before expiry) rotates or gives
      // each up after 2 s.
      desk.vault.databaseRole("orders-rotating", 4, 1).databaseRole("reports", 4, 1);
      Path traces = dir.resolve("custody-traces.jsonl");
      desk.run(
          desk.app()
              .property("otel.traces.exporter", "otlp,custody-file")
              .property("custody.file.path", traces.toString()),
          app);
      Spans spans =
          desk.receiver.awaitSpans(received -> received.named("revoke vault").size() == 2);

      ReceivedSpan root = spans.one("invoke_agent");
      ReceivedSpan tool = spans.one("execute_tool lookupOrder");
      IssuedToken token = single(desk.vault.issuedTokens());
      List<IssuedLease> orders = leasesUnder(desk, ORDERS);
      IssuedLease firstOrders = orders.get(0);
      IssuedLease lastOrders = orders.get(orders.size() - 1);
      IssuedLease reports = single(leasesUnder(desk, REPORTS));
      assertThat(orders).as("rotated at least once").hasSizeGreaterThan(1);

      List<ReceivedSpan> fetchesInCase =
          spans.where(
              span ->
                  span.name().startsWith("fetch vault")
                      && root.attr("custody.case.id").equals(span.attr("custody.case.id")));
      assertThat(fetchesInCase)
          .hasSize(6)
          .allSatisfy(
              fetch -> {
                assertThat(spans.isDescendant(fetch, tool)).as("fetched by the tool").isTrue();
                assertThat(fetch.attr("custody.credential.provider")).isEqualTo("vault");
              });

      ReceivedSpan secret =
          withAttr(fetchesInCase, "custody.credential.id", "secret/data/orders-api");
      assertThat(secret.parentSpanId()).isEqualTo(tool.spanId());
      assertThat(secret.attr("custody.credential.kind")).isEqualTo("secret");
      assertThat(secret.attr("custody.credential.version")).isEqualTo("3");
      assertThat(secret.attr("custody.credential.expiry")).isEqualTo("none");
      assertThat(secret.attr("custody.credential.principal"))
          .isEqualTo(ScriptedVaultServer.ENTITY_ID);
      assertThat(secret.attr("custody.credential.issued_at")).matches(RFC_3339);
      assertThat(httpCallOf(spans, secret).attr("custody.credential.used"))
          .isEqualTo(token.accessor());

      assertThat(secret.name()).isEqualTo("fetch vault secret/data/orders-api");
      ReceivedSpan login = withAttr(fetchesInCase, "custody.credential.kind", "token");
      assertThat(login.name()).isEqualTo("fetch vault login");
      assertThat(login.parentSpanId())
          .as("the session logs in when a read first needs it")
          .isEqualTo(secret.spanId());
      assertThat(login.attr("custody.credential.id")).isEqualTo(token.accessor());
      assertThat(login.attr("custody.credential.principal"))
          .isEqualTo(ScriptedVaultServer.ENTITY_ID);
      assertThat(login.attr("custody.credential.ttl_s")).isEqualTo("3600");
      assertThat(login.attr("custody.credential.renewable")).isEqualTo("true");
      assertThat(login.attr("custody.credential.expires_at")).matches(RFC_3339);
      assertThat(httpCallOf(spans, login).attr("url.full")).endsWith("/v1/auth/approle/login");

      ReceivedSpan denied = withAttr(fetchesInCase, "custody.credential.id", "secret/data/payroll");
      assertThat(denied.isError()).isTrue();
      assertThat(denied.attr("error.type")).isEqualTo("org.springframework.vault.VaultException");
      assertThat(httpCallOf(spans, denied).attr("http.response.status_code")).isEqualTo("403");

      ReceivedSpan missing =
          withAttr(fetchesInCase, "custody.credential.id", "secret/data/orders-archive");
      assertThat(missing.isError()).as("Vault's 404, which Spring Vault returns as null").isTrue();
      assertThat(missing.attr("error.type")).isEqualTo("404");
      assertThat(httpCallOf(spans, missing).attr("http.response.status_code")).isEqualTo("404");

      ReceivedSpan ordersFetch =
          withAttr(fetchesInCase, "custody.credential.id", firstOrders.leaseId());
      ReceivedSpan reportsFetch =
          withAttr(fetchesInCase, "custody.credential.id", reports.leaseId());
      assertThat(List.of(ordersFetch, reportsFetch))
          .allSatisfy(
              lease -> {
                assertThat(lease.parentSpanId()).isEqualTo(tool.spanId());
                assertThat(lease.attr("custody.credential.kind")).isEqualTo("lease");
                assertThat(lease.attr("custody.credential.lease_id"))
                    .isEqualTo(lease.attr("custody.credential.id"));
                assertThat(lease.attr("custody.credential.ttl_s")).isEqualTo("4");
                assertThat(lease.attr("custody.credential.renewable")).isEqualTo("true");
                assertThat(lease.attr("custody.credential.expires_at")).matches(RFC_3339);
                assertThat(lease.attr("custody.credential.principal"))
                    .isEqualTo(ScriptedVaultServer.ENTITY_ID);
              });
      ReceivedSpan backendCall = withAttr(spans.all(), "url.full", desk.model.url("/orders/A-17"));
      assertThat(backendCall.attr("custody.credential.used")).isEqualTo(firstOrders.leaseId());

      assertThat(root.attr("custody.credentials.outstanding")).isEqualTo("4");
      assertThat(root.attr("custody.authority.unbounded")).isEqualTo("true");
      assertThat(root.attrList("custody.authority.unbounded_by"))
          .as("the KV secret never expires")
          .containsExactly("secret/data/orders-api");
      assertThat(root.attr("custody.authority.ends_at"))
          .as("the latest expiry of the others")
          .isEqualTo(latestOutstandingExpiry(root));
      assertThat(root.attr("custody.authority.ended_by"))
          .as("the leases end after the case")
          .isEqualTo("outstanding");
      assertThat(outstandingCredentials(root))
          .containsExactlyInAnyOrder(
              token.accessor(), "secret/data/orders-api", firstOrders.leaseId(), reports.leaseId());

      ReceivedSpan rotation =
          withAttr(spans.named("rotate vault"), "custody.credential.id", firstOrders.leaseId());
      assertThat(rotation.name()).isEqualTo("rotate vault lease");
      assertThat(rotation.attr("custody.teardown.kind")).isEqualTo("lease_end");
      assertOwnTraceLinkedTo(rotation, ordersFetch, root);
      ReceivedSpan rotatedFetch =
          withAttr(spans.named("fetch vault"), "custody.credential.id", orders.get(1).leaseId());
      assertThat(rotatedFetch.parentSpanId())
          .as("the new lease, fetched by the rotation")
          .isEqualTo(rotation.spanId());
      assertThat(rotatedFetch.name()).isEqualTo("fetch vault database/creds/orders-rotating");
      assertThat(rotatedFetch.attr("custody.credential.kind")).isEqualTo("lease");
      assertThat(httpCallOf(spans, rotatedFetch).attr("url.full"))
          .contains("/v1/database/creds/orders-rotating");

      ReceivedSpan expiry = spans.one("expire vault lease");
      assertThat(expiry.attr("custody.credential.id")).isEqualTo(reports.leaseId());
      assertThat(expiry.attr("custody.teardown.kind")).isEqualTo("expiry");
      assertOwnTraceLinkedTo(expiry, reportsFetch, root);

      ReceivedSpan leaseRevocation =
          withAttr(spans.named("revoke vault"), "custody.credential.id", lastOrders.leaseId());
      assertThat(leaseRevocation.name()).isEqualTo("revoke vault lease");
      assertThat(leaseRevocation.attr("custody.teardown.kind")).isEqualTo("revoke");
      ReceivedSpan lastFetch =
          withAttr(spans.named("fetch vault"), "custody.credential.id", lastOrders.leaseId());
      assertThat(leaseRevocation.parentSpanId()).as("at shutdown").isEmpty();
      assertThat(leaseRevocation.linkedSpanIds()).containsExactly(lastFetch.spanId());
      assertThat(leaseRevocation.attr("custody.case.id"))
          .as("the lease that replaced the case's, rotation after rotation")
          .isEqualTo(root.attr("custody.case.id"));
      assertThat(httpCallOf(spans, leaseRevocation).attr("url.full"))
          .contains("/v1/sys/leases/revoke");

      ReceivedSpan tokenRevocation =
          withAttr(spans.named("revoke vault"), "custody.credential.id", token.accessor());
      assertThat(tokenRevocation.name()).isEqualTo("revoke vault token");
      assertThat(tokenRevocation.attr("custody.teardown.kind")).isEqualTo("revoke");
      assertOwnTraceLinkedTo(tokenRevocation, login, root);
      assertThat(httpCallOf(spans, tokenRevocation).attr("custody.credential.used"))
          .isEqualTo(token.accessor());

      JsonNode investigated =
          CustodyTool.run("case", root.attr("custody.case.id"), "--file", traces.toString())
              .report()
              .get("cases")
              .get(0);
      assertThat(root.attrList("custody.findings"))
          .contains("static-secret", "authority-outlived-case");
      CaseFindings.assertRootCarries(root, investigated);
      JsonNode credentials = investigated.get("credentials");
      assertThat(ended(credentials, firstOrders.leaseId()))
          .as("custody-cli case lists the teardowns after the case")
          .singleElement(STRING)
          .startsWith("lease_end at +");
      assertThat(ended(credentials, reports.leaseId())).singleElement(STRING).startsWith("expiry");
      assertThat(ended(credentials, token.accessor())).singleElement(STRING).startsWith("revoke");

      assertThat(desk.vault.requests())
          .filteredOn(request -> request.path().contains("orders-api"))
          .singleElement()
          .satisfies(request -> assertThat(request.vaultToken()).isEqualTo(token.token()));
      for (String value : desk.issuedValues()) {
        assertThat(desk.receiver.rawBytesContain(value))
            .as("exported bytes contain %s", value)
            .isFalse();
      }
    }
  }

  /** What {@code custody-cli case --json} says ended the credential {@code id}. */
  private static List<String> ended(JsonNode credentials, String id) {
    for (JsonNode credential : credentials) {
      if (id.equals(credential.get("id").asText())) {
        List<String> ended = new ArrayList<>();
        credential.get("ended").forEach(teardown -> ended.add(teardown.asText()));
        return ended;
      }
    }
    throw new AssertionError("no credential " + id + " in " + credentials);
  }

  private static void assertOwnTraceLinkedTo(
      ReceivedSpan teardown, ReceivedSpan fetch, ReceivedSpan root) {
    assertThat(teardown.parentSpanId())
        .as("%s starts a trace of its own", teardown.name())
        .isEmpty();
    assertThat(teardown.traceId()).isNotEqualTo(root.traceId());
    assertThat(teardown.attr("custody.case.id"))
        .as("found by the case's id")
        .isEqualTo(root.attr("custody.case.id"));
    assertThat(teardown.linkedSpanIds())
        .as("linked to the fetch in the case")
        .containsExactly(fetch.spanId());
  }

  private static List<IssuedLease> leasesUnder(VaultDesk desk, String prefix) {
    return desk.vault.issuedLeases().stream()
        .filter(lease -> lease.leaseId().startsWith(prefix))
        .toList();
  }
}
