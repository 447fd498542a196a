package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.exporter.integrity.DroppedEvidence;
import dev.custody.it.apps.OrderAgentApp;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable span buffer: what a collector refused waits on disk, scrubbed, and the next process
 * on the same folder sends it, under the resource and with the times it had.
 */
class BufferIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "Hunter2-Canary-9f3b";
  private static final String WITH_SECRET =
      "Where is my order A-17? My login is password=" + SECRET;

  @TempDir Path buffer;

  private ForkedApp app(OrderDesk desk, String instance) {
    return desk.app()
        .property("custody.buffer.dir", buffer.toString())
        .property("otel.resource.attributes", "service.instance.id=" + instance);
  }

  @Test
  void spansARefusingCollectorNeverTookArriveFromTheNextRunAsTheyWere() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.receiver.answerTraces(503);
      long start = System.nanoTime();
      ForkedApp.Result refused =
          desk.run(app(desk, "first"), LangChain4jCaseIT.REQUEST, WITH_SECRET);

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the app does not wait for the collector at exit")
          .isLessThan(Duration.ofSeconds(30));
      assertThat(refused.stderr()).contains("Custody buffers spans on disk in " + buffer);
      assertThat(desk.receiver.refusedTraceRequests()).isPositive();
      assertThat(desk.receiver.spans()).isEmpty();
      List<Path> left = spanFiles();
      assertThat(left).as("what the collector refused, on disk").isNotEmpty();
      for (Path file : left) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as("%s holds the secret the user typed", file)
            .doesNotContain(SECRET);
      }

      desk.receiver.answerTraces(200);
      desk.run(app(desk, "second"), LangChain4jCaseIT.REQUEST);
      int expected = 3 * OrderDesk.SPANS_PER_REQUEST;
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= expected);

      List<ReceivedSpan> first = ofInstance(spans, "first");
      List<ReceivedSpan> second = ofInstance(spans, "second");
      assertThat(first).hasSize(2 * OrderDesk.SPANS_PER_REQUEST);
      assertThat(second).hasSize(OrderDesk.SPANS_PER_REQUEST);
      assertThat(spans.all().stream().map(ReceivedSpan::spanId)).doesNotHaveDuplicates();
      assertThat(first.stream().filter(span -> span.name().startsWith("invoke_agent")))
          .hasSize(2)
          .allSatisfy(root -> assertThat(root.serviceName()).isEqualTo(second.get(0).serviceName()))
          .anySatisfy(root -> assertThat(root.attr("custody.intent.prompt")).contains("[REDACTED"));
      long secondStarted = second.stream().mapToLong(ReceivedSpan::startNanos).min().orElseThrow();
      assertThat(first)
          .as("the first run's spans keep their own times")
          .allSatisfy(span -> assertThat(span.endNanos()).isLessThan(secondStarted));
      assertThat(desk.receiver.checkpoints())
          .as("the first run's checkpoints were buffered too")
          .anySatisfy(
              checkpoint ->
                  assertThat(checkpoint.resourceAttr("service.instance.id")).isEqualTo("first"));
      assertThat(desk.receiver.rawBytesContain(SECRET)).isFalse();
      assertThat(spanFiles()).as("sent, so deleted").isEmpty();
    }
  }

  @Test
  void casesRunWhileTheCollectorRefusedArriveWholeOnceItTakesSpansAgain() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      desk.receiver.answerTraces(503);
      ForkedApp.Running app =
          app(desk, "outage").property("it.serve.requests", "4").startMain(OrderAgentApp.class);
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (desk.receiver.refusedTraceRequests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(desk.receiver.refusedTraceRequests())
          .as("the buffer tried the collector")
          .isPositive();

      desk.receiver.answerTraces(200);
      assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      assertThat(app.waitForExit().exitCode()).isZero();

      Spans spans =
          desk.receiver.awaitSpans(
              Duration.ofSeconds(20), received -> received.named("invoke_agent").size() == 4);
      assertThat(spans.all().stream().map(ReceivedSpan::spanId)).doesNotHaveDuplicates();
      Map<String, List<ReceivedSpan>> cases = spans.byTrace();
      assertThat(cases).hasSize(4);
      int whole = cases.get(spans.named("invoke_agent").get(3).traceId()).size();
      assertThat(cases.values())
          .as("each case has as many spans as one run with the collector up")
          .allSatisfy(trace -> assertThat(trace).hasSize(whole));
    }
  }

  @Test
  void aProcessKilledWhileTheCollectorWasSlowLeavesItsSpansToTheNext(@TempDir Path files)
      throws Exception {
    Path file = files.resolve("traces.jsonl");
    try (OrderDesk desk = OrderDesk.open()) {
      // Takes each batch, but slower than the exporter waits: the buffer sends it again.
      Duration collectorDelay = Duration.ofSeconds(5);
      desk.receiver.answerTracesAfter(collectorDelay);
      ForkedApp.Running app =
          app(desk, "killed")
              .property("otel.traces.exporter", "otlp,custody-file")
              .property("custody.file.path", file.toString())
              .property("otel.exporter.otlp.timeout", "1000")
              .property("it.serve.requests", "10")
              .startMain(OrderAgentApp.class);
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      for (int task = 0; task < 2; task++) {
        long start = System.nanoTime();
        assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("the app never waits on the collector")
            .isLessThan(collectorDelay);
      }
      Map<String, Long> written =
          awaitFileSpans(file, spans -> spans.size() >= 2 * OrderDesk.SPANS_PER_REQUEST);
      assertThat(desk.receiver.spans())
          .as("custody-file was not held back by the slow collector")
          .hasSizeLessThan(written.size());
      Thread.sleep(500); // the batch that reached the file reached the buffer too
      app.kill();

      desk.receiver.answerTracesAfter(Duration.ZERO);
      desk.run(app(desk, "next"), LangChain4jCaseIT.REQUEST);
      Spans spans =
          desk.receiver.awaitSpans(
              Duration.ofSeconds(60),
              received ->
                  startTimes(ofInstance(received, "killed"))
                      .keySet()
                      .containsAll(written.keySet()));
      assertThat(startTimes(ofInstance(spans, "killed")))
          .as("each span the killed process wrote arrives, with its own start time")
          .containsAllEntriesOf(written);
    }
  }

  @Test
  void aFullBudgetKeepsTheNewestCasesAndTheCheckpointsNameWhatItDropped() throws Exception {
    long budget = 1 << 20;
    int cases = 300;
    try (OrderDesk desk = OrderDesk.open()) {
      desk.receiver.answerTraces(503);
      ForkedApp.Running app =
          app(desk, "flood")
              .property("custody.buffer.max_bytes", "1MiB")
              .property("otel.metrics.exporter", "otlp")
              .property("otel.metric.export.interval", "500")
              .property("it.serve.requests", String.valueOf(cases))
              .startMain(OrderAgentApp.class);
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      long largest = 0;
      for (int task = 0; task < cases; task++) {
        assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
        largest = Math.max(largest, spanFileBytes());
      }
      ForkedApp.Result flood = app.waitForExit();
      largest = Math.max(largest, spanFileBytes());

      assertThat(largest).as("span files on disk, at most").isLessThanOrEqualTo(budget);
      assertThat(flood.stderr()).contains("Custody: the span buffer dropped");
      assertThat(droppedCounted(desk)).as("custody.buffer.dropped").isPositive();

      desk.receiver.answerTraces(200);
      desk.run(app(desk, "next"), LangChain4jCaseIT.REQUEST);
      Spans spans =
          desk.receiver.awaitSpans(
              Duration.ofSeconds(60), received -> !ofInstance(received, "next").isEmpty());
      List<ReceivedSpan> kept = ofInstance(spans, "flood");
      List<ReceivedSpan> roots =
          kept.stream().filter(span -> span.name().startsWith("invoke_agent")).toList();
      assertThat(roots).as("some cases were dropped").hasSizeLessThan(cases).isNotEmpty();
      String stream = kept.get(0).attr("custody.integrity.stream");
      DroppedEvidence named = new DroppedEvidence();
      java.util.Set<Long> lostInProcess = new java.util.HashSet<>();
      long covered = 0;
      for (ReceivedSpan checkpoint : desk.receiver.checkpoints()) {
        if (stream.equals(checkpoint.attr("custody.integrity.stream"))) {
          named.addAll(
              DroppedEvidence.parse(checkpoint.attr("custody.checkpoint.dropped")), stream);
          long first = Long.parseLong(checkpoint.attr("custody.checkpoint.first_seq"));
          covered =
              Math.max(covered, Long.parseLong(checkpoint.attr("custody.checkpoint.last_seq")));
          byte[] digests = Base64.getDecoder().decode(checkpoint.attr("custody.checkpoint.core"));
          for (int at = 0; at < digests.length; at += 16) {
            if (Arrays.equals(Arrays.copyOfRange(digests, at, at + 16), new byte[16])) {
              lostInProcess.add(first + at / 16); // never reached an exporter: not the buffer's
            }
          }
        }
      }
      java.util.Set<Long> arrived = new java.util.HashSet<>();
      kept.forEach(span -> arrived.add(Long.parseLong(span.attr("custody.integrity.seq"))));
      List<Long> unaccounted = new ArrayList<>();
      for (long seq = 1; seq <= covered; seq++) {
        if (!arrived.contains(seq)
            && !named.spans(stream).contains(seq)
            && !lostInProcess.contains(seq)) {
          unaccounted.add(seq);
        }
      }
      assertThat(named.spans(stream).count()).isPositive();
      int newest = 10 * OrderDesk.SPANS_PER_REQUEST;
      assertThat(arrived)
          .as("the newest ten cases are kept whole")
          .containsAll(
              java.util.stream.LongStream.rangeClosed(covered - newest + 1, covered)
                  .boxed()
                  .toList());
      assertThat(unaccounted)
          .as(
              "every number the checkpoints cover arrived or is named as dropped by the buffer"
                  + " (named: %s; lost in the process: %s)\n%s",
              named.spans(stream), lostInProcess.size(), flood.stderr())
          .isEmpty();
    }
  }

  @Test
  void aBufferFolderThatCannotBeMadeLeavesTheAppRunningAndSaysSoOnce() throws Exception {
    Path notAFolder = Files.writeString(buffer.resolve("not-a-folder"), "");
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Result result =
          desk.run(
              desk.app().property("custody.buffer.dir", notAFolder.resolve("buffer").toString()),
              LangChain4jCaseIT.REQUEST);

      assertThat(result.stderr().split("the span buffer cannot use", -1))
          .as("one warning")
          .hasSize(2);
      assertThat(result.stderr()).contains("unbuffered");
      desk.receiver.awaitSpans(received -> received.all().size() == OrderDesk.SPANS_PER_REQUEST);
    }
  }

  /** The span ids and start times {@code custody-file} holds, once {@code ready} holds of them. */
  private static Map<String, Long> awaitFileSpans(Path file, Predicate<Map<String, Long>> ready)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Map<String, Long> spans = new HashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          for (JsonNode resource : JSON.readTree(line).get("resourceSpans")) {
            for (JsonNode scope : resource.get("scopeSpans")) {
              if (!"custody-integrity".equals(scope.path("scope").path("name").asText())) {
                for (JsonNode span : scope.get("spans")) {
                  spans.put(span.get("spanId").asText(), span.get("startTimeUnixNano").asLong());
                }
              }
            }
          }
        }
      }
      if (ready.test(spans)) {
        return spans;
      }
      assertThat(System.nanoTime())
          .as("custody-file holds the cases: %s", spans)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static Map<String, Long> startTimes(List<ReceivedSpan> spans) {
    Map<String, Long> times = new HashMap<>();
    spans.forEach(span -> times.put(span.spanId(), span.startNanos()));
    return times;
  }

  /** The last value the app exported of the counter {@code custody.buffer.dropped}. */
  private static long droppedCounted(OrderDesk desk) {
    long value = 0;
    for (ExportMetricsServiceRequest request : desk.receiver.metrics()) {
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            if (metric.getName().equals("custody.buffer.dropped")) {
              for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                value = Math.max(value, point.getAsInt());
              }
            }
          }
        }
      }
    }
    return value;
  }

  private long spanFileBytes() throws IOException {
    long bytes = 0;
    for (Path file : spanFiles()) {
      bytes += Files.size(file);
    }
    return bytes;
  }

  private static List<ReceivedSpan> ofInstance(Spans spans, String instance) {
    return spans.where(span -> instance.equals(span.resourceAttr("service.instance.id")));
  }

  private List<Path> spanFiles() throws IOException {
    try (Stream<Path> files = Files.walk(buffer)) {
      return files
          .filter(file -> Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(file -> file.getFileName().toString().matches("\\d+"))
          .toList();
    }
  }
}
