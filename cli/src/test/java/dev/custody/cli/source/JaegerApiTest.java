package dev.custody.cli.source;

import static dev.custody.cli.BackendStub.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.BackendStub;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jaeger's {@code /api/traces} answer, as the OTLP-to-Jaeger translation wrote it, read back. */
class JaegerApiTest {

  private final BackendStub jaeger = new BackendStub();

  JaegerApiTest() throws Exception {
    jaeger
        .answer("/api/services", fixture("jaeger-services.json"))
        .answer("/api/traces", fixture("jaeger-traces.json"));
  }

  @AfterEach
  void stop() {
    jaeger.close();
  }

  @Test
  void readsTheTreeAndEveryFieldTheTranslationMoved() throws Exception {
    List<ReceivedSpan> spans = read(null);

    assertThat(spans)
        .extracting(s -> s.evidence().name())
        .containsExactly("invoke_agent OrdersAssistant", "execute_tool refundOrder");
    EvidenceSpan root = spans.get(0).evidence();
    EvidenceSpan tool = spans.get(1).evidence();
    assertThat(root.traceId()).isEqualTo("0000000000000000a3ce929d0e0e4736");
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.kind()).isNull();
    assertThat(root.statusCode()).isNull();
    assertThat(tool.parentSpanId()).isEqualTo(root.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(tool.links())
        .containsExactly(
            new EvidenceSpan.Link("4bf92f3577b34da6a3ce929d0e0e4736", "53995c3f42cd8ad8"));
    assertThat(tool.kind()).isEqualTo("CLIENT");
    assertThat(tool.statusCode()).isEqualTo("ERROR");
    assertThat(tool.statusMessage()).isEqualTo("policy_denied");
    assertThat(tool.scopeName()).isEqualTo("custody-langchain4j");
    assertThat(tool.scopeVersion()).isEqualTo("0.1.0");
    assertThat(tool.serviceName()).isEqualTo("orders-agent");
    assertThat(tool.resource())
        .isEqualTo(
            Map.of(
                "host.name", "ip-10-0-0-1",
                "process.pid", "4242",
                "telemetry.sdk.language", "java"));
    assertThat(tool.startMicros()).isEqualTo(1700000000001000L);
    assertThat(tool.durationMicros()).isEqualTo(1200);
    assertThat(tool.attributes())
        .isEqualTo(
            Map.of(
                "custody.policy.allowed", "false",
                "gen_ai.request.temperature", "1.0",
                "gen_ai.response.finish_reasons", List.of("stop", "length"),
                "gen_ai.tool.name", "refundOrder",
                "gen_ai.usage.input_tokens", "412",
                "test.counts", List.of("1", "2"),
                "test.ratios", List.of("0.5", "1.0")));
    assertThat(tool.events())
        .containsExactly(
            new EvidenceSpan.Event(
                1700000000001500L,
                "\"custody.policy.decision\":{\"attempt\":2,\"decision\":\"deny\",\"score\":1.0}"));
  }

  @Test
  void offersALongerDurationAndWholeNumberArraysAsDoubles() throws Exception {
    List<ReceivedSpan> spans = read("orders-agent");

    assertThat(spans.get(0).readings())
        .extracting(EvidenceSpan::durationMicros)
        .containsExactly(5001L);
    List<EvidenceSpan> tool = spans.get(1).readings();
    assertThat(tool).extracting(EvidenceSpan::durationMicros).containsExactly(1201L, 1200L, 1201L);
    assertThat(tool.get(0).attributes().get("test.counts")).isEqualTo(List.of("1", "2"));
    assertThat(tool.get(1).attributes().get("test.counts")).isEqualTo(List.of("1.0", "2.0"));
    assertThat(tool.get(2).attributes()).isEqualTo(tool.get(1).attributes());
  }

  @Test
  void asksForEachServiceOverTheRange() throws Exception {
    read("orders agent");

    assertThat(jaeger.requests).hasSize(1);
    assertThat(jaeger.requests.get(0).getRawQuery())
        .isEqualTo("service=orders+agent&start=1699996400000000&end=1700000000000000&limit=100000");
  }

  @Test
  void withoutAServiceAsksForTheServicesFirst() throws Exception {
    read(null);

    assertThat(jaeger.requests)
        .extracting(URI::getPath)
        .containsExactly("/api/services", "/api/traces");
    assertThat(jaeger.requests.get(1).getQuery()).startsWith("service=orders-agent&");
  }

  private List<ReceivedSpan> read(String service) throws Exception {
    List<ReceivedSpan> spans = new ArrayList<>();
    JaegerApi.read(
        URI.create(jaeger.url() + "/"),
        service,
        Instant.ofEpochSecond(1_700_000_000),
        Duration.ofHours(1),
        spans::add);
    return spans;
  }
}
