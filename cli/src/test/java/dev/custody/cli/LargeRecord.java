package dev.custody.cli;

import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.EvidenceStream;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A large record exported by the real pipeline to {@code custody-file}, checkpoints and all: many
 * cases whose model turns carry long captured messages, so the file is large and its spans few.
 */
final class LargeRecord {

  private LargeRecord() {}

  /**
   * Exports {@code cases} cases of {@code turns} model turns, each turn's input {@code
   * messageChars} long; returns the id of the case in the middle.
   */
  static String export(Path file, int cases, int turns, int messageChars) throws Exception {
    EvidenceStream stream =
        SignedFileExport.stream(
            UUID.randomUUID().toString().replace("-", ""), CheckpointKey.generate());
    SdkTracerProvider tracing = SignedFileExport.tracing(file, stream);
    Tracer tracer = tracing.get("custody-langchain4j", "0.1.0");
    String message = "plan a trip to the coast and book it. ".repeat(messageChars / 38 + 1);
    String middle = null;
    for (int c = 0; c < cases; c++) {
      String caseId = String.format(Locale.ROOT, "%032x", 0xca5e0000L + c);
      middle = c == cases / 2 ? caseId : middle;
      Span root =
          tracer
              .spanBuilder("invoke_agent OrdersAssistant")
              .setAttribute("custody.case.id", caseId)
              .setAttribute("gen_ai.agent.name", "OrdersAssistant")
              .setAttribute("enduser.id", "user" + c + "@example.com")
              .startSpan();
      try (Scope ignored = root.makeCurrent()) {
        for (int t = 0; t < turns; t++) {
          tracer
              .spanBuilder("chat gpt-4o-mini")
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute("custody.case.id", caseId)
              .setAttribute("gen_ai.input.messages", message.substring(0, messageChars) + c + t)
              .startSpan()
              .end();
        }
      }
      root.end();
    }
    tracing.shutdown().join(60, TimeUnit.SECONDS);
    return middle;
  }
}
