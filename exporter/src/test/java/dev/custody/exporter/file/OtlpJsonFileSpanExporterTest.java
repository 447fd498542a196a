package dev.custody.exporter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpJsonFileSpanExporterTest {

  @TempDir Path dir;

  /** Real spans from the SDK, ended in the order of their names. */
  private static List<SpanData> spans(String... names) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      Tracer tracer = tracerProvider.get("test");
      for (String name : names) {
        tracer.spanBuilder(name).startSpan().end();
      }
      return memory.getFinishedSpanItems();
    }
  }

  @Test
  void writesOneOtlpJsonLinePerExport() throws IOException {
    Path file = dir.resolve("audit/traces.jsonl");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);
    List<SpanData> first = spans("invoke_agent Planner");
    List<SpanData> second = spans("chat gpt-4o", "execute_tool search");

    assertThat(exporter.export(first).isSuccess()).isTrue();
    assertThat(exporter.export(second).isSuccess()).isTrue();
    assertThat(exporter.shutdown().isSuccess()).isTrue();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      assertThat(line)
          .startsWith("{\"resourceSpans\":[{")
          .endsWith("}")
          .contains("\"scopeSpans\":[", "\"spans\":[");
    }
    assertThat(lines.get(0))
        .contains(
            "\"traceId\":\"" + first.get(0).getTraceId() + "\"",
            "\"name\":\"invoke_agent Planner\"");
    assertThat(lines.get(1))
        .contains(
            "\"traceId\":\"" + second.get(0).getTraceId() + "\"",
            "\"traceId\":\"" + second.get(1).getTraceId() + "\"",
            "\"name\":\"chat gpt-4o\"",
            "\"name\":\"execute_tool search\"");
  }

  @Test
  void appendsToAnExistingFile() throws IOException {
    Path file = dir.resolve("traces.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);

    exporter.export(spans("invoke_agent Planner"));
    exporter.shutdown();

    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("{\"earlier\":true}");
  }

  @Test
  void aFailedWriteLosesOnlyItsBatchTheNextOneIsWritten() throws IOException {
    Path blocker = dir.resolve("blocker");
    Files.writeString(
        blocker, "a regular file where the directory should be, as a full disk would fail a write");
    Path file = blocker.resolve("traces.jsonl");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);

    assertThat(exporter.export(spans("invoke_agent Planner")).isSuccess())
        .as("cannot write: fails, no throw")
        .isFalse();
    assertThat(exporter.export(spans("chat gpt-4o")).isSuccess()).isFalse();

    Files.delete(blocker);
    Files.createDirectory(blocker);
    assertThat(exporter.export(spans("execute_tool search")).isSuccess()).isTrue();
    exporter.shutdown();

    assertThat(Files.readAllLines(file))
        .singleElement()
        .asString()
        .contains("\"name\":\"execute_tool search\"");
  }

  @Test
  void aLineCutByAFailedWriteIsEndedBeforeTheNextOne() throws IOException {
    Path file = dir.resolve("traces.jsonl");
    Files.writeString(file, "{\"resourceSpans\":[{\"resource\"");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);

    exporter.export(spans("invoke_agent Planner"));
    exporter.shutdown();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("{\"resourceSpans\":[{").contains("invoke_agent Planner");
  }

  @Test
  void exportsAfterShutdownFail() throws IOException {
    Path file = dir.resolve("traces.jsonl");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);
    exporter.export(spans("invoke_agent Planner"));

    assertThat(exporter.shutdown().isSuccess()).isTrue();

    assertThat(exporter.export(spans("invoke_agent Planner")).isSuccess()).isFalse();
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  @Test
  void shutdownClosesTheFile() throws IOException {
    Path proc = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(proc), "needs /proc to list open files");
    Path file = dir.resolve("traces.jsonl");
    OtlpJsonFileSpanExporter exporter = new OtlpJsonFileSpanExporter(file);
    exporter.export(spans("invoke_agent Planner"));
    assertThat(openFiles(proc)).contains(file.toRealPath());

    exporter.shutdown();

    assertThat(openFiles(proc)).doesNotContain(file.toRealPath());
  }

  private static List<Path> openFiles(Path proc) throws IOException {
    List<Path> open = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc)) {
      for (Path fd : fds) {
        try {
          open.add(Files.readSymbolicLink(fd));
        } catch (IOException closedMeanwhile) {
          // the directory stream's own descriptor
        }
      }
    }
    return open;
  }

  @Test
  void shutdownWithoutExportCreatesNoFile() {
    Path file = dir.resolve("traces.jsonl");

    assertThat(new OtlpJsonFileSpanExporter(file).shutdown().isSuccess()).isTrue();

    assertThat(file).doesNotExist();
  }
}
