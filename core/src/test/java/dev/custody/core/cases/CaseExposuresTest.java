package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED_IN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.TestSdk;
import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.Credentials;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaseExposuresTest {

  private static final String INVENTORY_KEY = "zq_9f8S7dK2mP4xL1vQ8rT6";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private AgentCases cases;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    cases = new AgentCases("test");
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
    KnownSecrets.clear();
  }

  @Test
  void aKeyTypedIntoThePromptThenFetchedMarksTheFetchAndTheCase() {
    AgentInvocation invocation = cases.start("Inventory", "Inventory.ask");
    invocation.recordIntent(
        "Restock aisle 4; if you need the inventory API, here you go: " + INVENTORY_KEY, null);
    fetch(INVENTORY_KEY);
    fetch(INVENTORY_KEY);
    cases.end(invocation, null);

    SpanData fetch = span("fetch vault");
    assertThat(fetch.getAttributes().get(SECRET_EXPOSED)).isTrue();
    assertThat(fetch.getAttributes().get(SECRET_EXPOSED_IN)).containsExactly("prompt");
    assertThat(span("invoke_agent Inventory").getAttributes().get(SECRET_EXPOSED)).isTrue();
    TestSdk.assertNothingDropped(exporter.getFinishedSpanItems());
  }

  @Test
  void aValueSentToAToolCountsWhateverTheContentMode() {
    CustodySettings.publish(Map.of("custody.capture.tool", "off"));
    try {
      AgentInvocation invocation = cases.start("Inventory", "Inventory.ask");
      assertThat(
              ContentPolicy.capture(
                  ContentFamily.TOOL, "{\"sku\":\"A-17\",\"auth\":\"" + INVENTORY_KEY + "\"}"))
          .as("nothing captured")
          .isEqualTo(new ContentPolicy.Captured(null, null));
      fetch(INVENTORY_KEY);
      cases.end(invocation, null);
    } finally {
      CustodySettings.publish(Map.of());
    }

    assertThat(span("fetch vault").getAttributes().get(SECRET_EXPOSED_IN)).containsExactly("tool");
  }

  @Test
  void aFetchOfAValueTheCaseNeverSentMarksNothing() {
    AgentInvocation invocation = cases.start("Inventory", "Inventory.ask");
    invocation.recordIntent("Restock aisle 4 with order ORD-2024-000123", null);
    fetch(INVENTORY_KEY);
    cases.end(invocation, null);

    assertThat(span("fetch vault").getAttributes().get(SECRET_EXPOSED)).isNull();
    assertThat(span("invoke_agent Inventory").getAttributes().get(SECRET_EXPOSED)).isNull();
  }

  private static void fetch(String value) {
    Span span = GlobalOpenTelemetry.getTracer("test").spanBuilder("fetch vault").startSpan();
    CredentialFacts facts =
        CredentialFacts.builder("vault", "kv", "vault:secret/data/inventory")
            .neverExpires()
            .build();
    Credentials.obtained(span, Context.current(), facts, List.of(value), List.of());
    span.end();
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
