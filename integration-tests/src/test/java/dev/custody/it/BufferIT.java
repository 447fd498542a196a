package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.OrderAgentApp;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable span buffer: what a collector refused waits on disk, scrubbed, and the next process
 * on the same folder sends it, under the resource and with the times it had.
 */
class BufferIT {

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

  private static List<ReceivedSpan> ofInstance(Spans spans, String instance) {
    return spans.where(span -> instance.equals(span.resourceAttr("service.instance.id")));
  }

  private List<Path> spanFiles() throws IOException {
    try (Stream<Path> files = Files.walk(buffer)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().matches("\\d+"))
          .toList();
    }
  }
}
