package dev.custody.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.json.JsonReader;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OTLP JSON encodings backends write, each read as the same span. */
class OtlpJsonTest {

  @Test
  void tempoV2TraceWrapperWithUppercaseHexAndNumericEnums() throws Exception {
    EvidenceSpan span =
        read(
            """
            {"trace":{"resourceSpans":[{"resource":{"attributes":[
              {"key":"service.name","value":{"stringValue":"orders-agent"}}]},
             "scopeSpans":[{"scope":{"name":"custody-langchain4j"},"spans":[
              {"traceId":"0AF7651916CD43DD8448EB211C80319C","spanId":"B7AD6B7169203331",
               "parentSpanId":"","name":"chat","kind":3,
               "startTimeUnixNano":1700000000001000900,"endTimeUnixNano":"1700000000001000999",
               "status":{"code":2,"message":"timeout"}}]}]}]}}
            """);

    assertThat(span.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span.parentSpanId()).isNull();
    assertThat(span.kind()).isEqualTo("CLIENT");
    assertThat(span.statusCode()).isEqualTo("ERROR");
    assertThat(span.statusMessage()).isEqualTo("timeout");
    assertThat(span.scopeVersion()).isNull();
    assertThat(span.serviceName()).isEqualTo("orders-agent");
    assertThat(span.durationMicros()).isEqualTo(1);
  }

  @Test
  void base64IdsAndEnumNames() throws Exception {
    EvidenceSpan span =
        read(
            """
            {"resourceSpans":[{"scopeSpans":[{"spans":[
              {"traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"t61rcWkgMzE=",
               "kind":"SPAN_KIND_INTERNAL","status":{"code":"STATUS_CODE_UNSET"}}]}]}]}
            """);

    assertThat(span.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span.kind()).isNull();
    assertThat(span.statusCode()).isNull();
  }

  private static EvidenceSpan read(String json) throws Exception {
    List<ReceivedSpan> spans = new ArrayList<>();
    OtlpJson.read(Decoded.map(JsonReader.read(json)), spans::add);
    assertThat(spans).hasSize(1);
    return spans.get(0).evidence();
  }
}
