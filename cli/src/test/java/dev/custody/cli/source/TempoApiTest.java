package dev.custody.cli.source;

import static dev.custody.cli.BackendStub.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.BackendStub;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tempo's search and trace answers (protobuf's JSON: base64 ids, enum names) read back. */
class TempoApiTest {

  private final BackendStub tempo = new BackendStub();

  TempoApiTest() throws Exception {
    tempo
        .answer("/api/search", fixture("tempo-search.json"))
        .answer("/api/traces/0af7651916cd43dd8448eb211c80319c", fixture("tempo-trace.json"))
        .answer("/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", fixture("tempo-1x-trace.json"));
  }

  @AfterEach
  void stop() {
    tempo.close();
  }

  @Test
  void readsEveryTraceTheSearchFound() throws Exception {
    List<ReceivedSpan> spans = read("orders-agent");

    assertThat(spans)
        .extracting(s -> s.evidence().name())
        .containsExactly("execute_tool refundOrder", "GET /health");
    assertThat(spans).allMatch(ReceivedSpan::keepsFullForm).allMatch(s -> s.readings().isEmpty());
    EvidenceSpan tool = spans.get(0).evidence();
    assertThat(tool.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(tool.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(tool.parentSpanId()).isEqualTo("00f067aa0ba902b7");
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
        .isEqualTo(Map.of("host.name", "ip-10-0-0-1", "process.pid", "4242"));
    assertThat(tool.startMicros()).isEqualTo(1700000000001000L);
    assertThat(tool.durationMicros()).isEqualTo(1201);
    assertThat(tool.attributes())
        .isEqualTo(
            Map.of(
                "custody.policy.allowed", "false",
                "gen_ai.request.temperature", "1.0",
                "gen_ai.response.finish_reasons", List.of("stop", "length"),
                "gen_ai.tool.name", "refundOrder",
                "gen_ai.usage.input_tokens", "412"));
    assertThat(tool.events())
        .containsExactly(
            new EvidenceSpan.Event(
                1700000000001500L,
                "\"custody.policy.decision\":{\"attempt\":2,\"decision\":\"deny\",\"score\":1.0}"));
  }

  @Test
  void readsTempo1xInstrumentationLibrarySpans() throws Exception {
    EvidenceSpan health = read(null).get(1).evidence();

    assertThat(health.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(health.parentSpanId()).isNull();
    assertThat(health.kind()).isEqualTo("SERVER");
    assertThat(health.statusCode()).isEqualTo("OK");
    assertThat(health.statusMessage()).isNull();
    assertThat(health.scopeName()).isEqualTo("io.opentelemetry.tomcat-10.0");
    assertThat(health.scopeVersion()).isEqualTo("1.32.0-alpha");
    assertThat(health.durationMicros()).isEqualTo(2000);
  }

  @Test
  void searchesTheServiceOverTheRangeWithTraceQl() throws Exception {
    read("orders \"agent\"");
    URI search = tempo.requests.get(0);

    assertThat(search.getPath()).isEqualTo("/api/search");
    assertThat(URLDecoder.decode(search.getRawQuery(), StandardCharsets.UTF_8))
        .isEqualTo(
            "q={ resource.service.name = \"orders \\\"agent\\\"\" }"
                + "&start=1699996400&end=1700000001&limit=100000");
    tempo.requests.clear();
    read(null);
    assertThat(URLDecoder.decode(tempo.requests.get(0).getRawQuery(), StandardCharsets.UTF_8))
        .startsWith("q={ }&");
  }

  private List<ReceivedSpan> read(String service) throws Exception {
    List<ReceivedSpan> spans = new ArrayList<>();
    TempoApi.read(
        URI.create(tempo.url()),
        service,
        Instant.ofEpochSecond(1_700_000_000),
        Duration.ofHours(1),
        spans::add);
    return spans;
  }
}
