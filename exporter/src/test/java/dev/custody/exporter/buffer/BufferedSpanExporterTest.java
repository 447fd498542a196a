package dev.custody.exporter.buffer;

import static dev.custody.core.CustodyAttributes.INTEGRITY_SEQ;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.exporter.integrity.DroppedEvidence;
import dev.custody.exporter.integrity.SpanDigests;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.contrib.disk.buffering.storage.impl.FileSpanStorage;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferedSpanExporterTest {

  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(2);
  private static final long FAST_RETRY_MILLIS = 50;

  @TempDir Path dir;
  private static final String STREAM = "5e9a0c41d2e54c7a8e1f3a6b5c4d2e10";
  private static final AtomicLong nextSeq = new AtomicLong(1);

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final DroppedEvidence named = new DroppedEvidence();

  private BufferSettings settings(long maxBytes) {
    return new BufferSettings(true, dir, maxBytes, Duration.ofHours(24));
  }

  private BufferedSpanExporter buffer(SpanExporter backend, long maxBytes) {
    SpanExporter buffered =
        BufferedSpanExporter.wrap(
            backend,
            settings(maxBytes),
            EXPORT_TIMEOUT,
            FAST_RETRY_MILLIS,
            this::named,
            log::add,
            log::add);
    assertThat(buffered).isInstanceOf(BufferedSpanExporter.class);
    return (BufferedSpanExporter) buffered;
  }

  private void named(DroppedEvidence dropped) {
    synchronized (named) {
      named.addAll(dropped);
    }
  }

  /**
   * Real spans from the SDK, numbered as the evidence chain numbers them, of a service of the given
   * name, each with a payload of that size.
   */
  private static List<SpanData> spans(String service, int count, int payloadChars) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.builder()
                            .put("service.name", service)
                            .put("service.instance.id", service + "-1")
                            .build()))
            .addSpanProcessor(SimpleSpanProcessor.create(memory))
            .build()) {
      Tracer tracer = tracerProvider.get("test");
      for (int i = 0; i < count; i++) {
        tracer
            .spanBuilder("execute_tool step-" + i)
            .setAttribute("payload", "x".repeat(payloadChars))
            .setAttribute(INTEGRITY_STREAM, STREAM)
            .setAttribute(INTEGRITY_SEQ, nextSeq.getAndIncrement())
            .startSpan()
            .end();
      }
      return memory.getFinishedSpanItems();
    }
  }

  /** The numbers of consecutive {@code spans}, as a checkpoint names them: {@code "7-9"}. */
  private static String numbers(List<SpanData> spans) {
    long first = spans.get(0).getAttributes().get(INTEGRITY_SEQ);
    return first + "-" + (first + spans.size() - 1);
  }

  private static List<String> ids(List<SpanData> spans) {
    return spans.stream().map(SpanData::getSpanId).toList();
  }

  private static void await(BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private long folderBytes() {
    long bytes = 0;
    for (File file : SpanFiles.oldestFirst(dir.resolve("0").toFile())) {
      bytes += file.length();
    }
    return bytes;
  }

  @Test
  void aRefusingBackendGetsEverySpanOnceItAnswers() throws Exception {
    RecordingBackend backend = new RecordingBackend();
    backend.refusalsLeft.set(5);
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    List<SpanData> sent = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      List<SpanData> spans = spans("orders", 20, 10);
      sent.addAll(spans);
      assertThat(buffer.export(spans).isSuccess()).isTrue();
    }

    await(() -> backend.received().size() >= sent.size(), Duration.ofSeconds(15));
    assertThat(backend.attempts()).isGreaterThan(5);
    assertThat(backend.receivedSpanIds()).containsExactlyElementsOf(ids(sent));
    // The sender deletes a batch once the backend's answer is back, just after it received it.
    await(() -> SpanFiles.oldestFirst(dir.resolve("0").toFile()).isEmpty(), Duration.ofSeconds(5));
    assertThat(SpanFiles.oldestFirst(dir.resolve("0").toFile())).isEmpty();
    buffer.shutdown();
    assertThat(backend.receivedSpanIds()).doesNotHaveDuplicates().hasSize(sent.size());
    assertThat(log).anyMatch(line -> line.contains("cannot send now"));
    assertThat(log).anyMatch(line -> line.contains("sending again"));
  }

  @Test
  void answers503AreRetriedAndA400IsDroppedWithItsReason() throws Exception {
    RecordingBackend backend = new RecordingBackend();
    backend.refusalStatus = 503;
    backend.refusalsLeft.set(3);
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    List<SpanData> retried = spans("orders", 4, 10);
    buffer.export(retried);
    await(() -> backend.received().size() >= retried.size(), Duration.ofSeconds(15));
    assertThat(backend.receivedSpanIds()).containsExactlyElementsOf(ids(retried));

    backend.refusalStatus = 400;
    backend.refusalsLeft.set(1);
    List<SpanData> rejected = spans("orders", 3, 10);
    buffer.export(rejected);
    await(() -> buffer.droppedSpans() > 0, Duration.ofSeconds(15));
    List<SpanData> after = spans("orders", 2, 10);
    buffer.export(after);
    await(() -> backend.received().size() >= retried.size() + after.size(), Duration.ofSeconds(15));
    buffer.shutdown();

    assertThat(buffer.droppedSpans()).isEqualTo(3);
    assertThat(backend.receivedSpanIds()).endsWith(ids(after).toArray(String[]::new)).hasSize(6);
    assertThat(log)
        .anyMatch(line -> line.contains("HTTP 400") && line.contains("span name too long"));
    assertThat(named.spans(STREAM))
        .as("the next checkpoint names what the backend rejected")
        .hasToString(numbers(rejected));
  }

  @Test
  void theNextProcessOnTheFolderSendsWhatTheLastOneLeft() {
    RecordingBackend down = new RecordingBackend();
    down.down = true;
    BufferedSpanExporter first = buffer(down, BufferSettings.DEFAULT_MAX_BYTES);
    List<SpanData> left = spans("billing", 10, 10);
    first.export(left);
    first.shutdown();
    assertThat(down.received()).isEmpty();

    RecordingBackend up = new RecordingBackend();
    BufferedSpanExporter second = buffer(up, BufferSettings.DEFAULT_MAX_BYTES);
    second.shutdown();

    assertThat(up.receivedSpanIds()).containsExactlyElementsOf(ids(left));
    for (int i = 0; i < left.size(); i++) {
      SpanData original = left.get(i);
      SpanData received = up.received().get(i);
      assertThat(received.getResource().getAttribute(AttributeKey.stringKey("service.name")))
          .isEqualTo("billing");
      assertThat(received.getResource().getAttributes().asMap())
          .isEqualTo(original.getResource().getAttributes().asMap());
      assertThat(received.getStartEpochNanos()).isEqualTo(original.getStartEpochNanos());
      assertThat(received.getEndEpochNanos()).isEqualTo(original.getEndEpochNanos());
      assertThat(received.getTraceId()).isEqualTo(original.getTraceId());
      assertThat(received.getAttributes().asMap()).isEqualTo(original.getAttributes().asMap());
    }
  }

  @Test
  void whatComesBackFromDiskHasTheDigestsThatWereSigned() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      Tracer tracer = tracerProvider.get("test", "1.2.3");
      Span root =
          tracer.spanBuilder("invoke_agent Planner").setSpanKind(SpanKind.SERVER).startSpan();
      Span tool =
          tracer
              .spanBuilder("execute_tool search")
              .setParent(Context.current().with(root))
              .addLink(root.getSpanContext(), Attributes.of(AttributeKey.stringKey("why"), "asked"))
              .setAttribute("count", 3L)
              .setAttribute("ratio", 0.25)
              .setAttribute("ok", false)
              .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
              .setAttribute(AttributeKey.doubleArrayKey("scores"), List.of(1.0, 2.5))
              .startSpan();
      tool.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L));
      tool.setStatus(StatusCode.ERROR, "tool failed");
      tool.end();
      root.end();
    }
    List<SpanData> original = memory.getFinishedSpanItems();
    RecordingBackend backend = new RecordingBackend();
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    buffer.export(original);
    buffer.shutdown();

    assertThat(backend.receivedSpanIds()).containsExactlyElementsOf(ids(original));
    SpanDigests digests = new SpanDigests();
    for (int i = 0; i < original.size(); i++) {
      assertThat(digests.of(backend.received().get(i)))
          .as("the digests of %s", original.get(i).getName())
          .isDeepEqualTo(digests.of(original.get(i)));
    }
  }

  /** A span whose record is complete: its list of what is missing is empty. */
  private static List<SpanData> completeCase() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      tracerProvider
          .get("test")
          .spanBuilder("invoke_agent Planner")
          .setAttribute(AttributeKey.stringArrayKey("custody.record.missing"), List.of())
          .setAttribute(AttributeKey.longArrayKey("retries"), List.of())
          .setAttribute("custody.record.complete", true)
          .startSpan()
          .end();
      return memory.getFinishedSpanItems();
    }
  }

  @Test
  void emptyArraysComeBackFromDisk() {
    List<SpanData> original = completeCase();
    RecordingBackend backend = new RecordingBackend();
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    buffer.export(original);
    buffer.shutdown();

    SpanData received = backend.received().get(0);
    assertThat(received.getAttributes().asMap())
        .hasSize(3)
        .containsEntry(AttributeKey.stringArrayKey("custody.record.missing"), List.of())
        .containsEntry(AttributeKey.stringArrayKey("retries"), List.of())
        .containsEntry(AttributeKey.booleanKey("custody.record.complete"), true);
    assertThat(received.getTotalAttributeCount()).isEqualTo(3);
  }

  @Test
  void aFileTheLibraryCannotReadBackIsDroppedAndHoldsNothingBack() throws Exception {
    Path slot = Files.createDirectories(dir.resolve("0"));
    long old = System.currentTimeMillis() - 60_000;
    // Written straight with the library, as the buffer did before it set empty arrays aside.
    storeWithTheLibrary(completeCase(), slot.resolve(String.valueOf(old)));
    List<SpanData> after = spans("orders", 3, 10);
    storeWithTheLibrary(after, slot.resolve(String.valueOf(old + 1)));

    RecordingBackend backend = new RecordingBackend();
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    await(() -> backend.received().size() >= after.size(), Duration.ofSeconds(15));
    buffer.shutdown();

    assertThat(backend.receivedSpanIds()).containsExactlyElementsOf(ids(after));
    assertThat(buffer.droppedSpans()).isEqualTo(1);
    assertThat(log).anyMatch(line -> line.contains("cannot read back") && line.contains(old + ""));
  }

  private void storeWithTheLibrary(List<SpanData> spans, Path file) throws IOException {
    Path scratch = Files.createTempDirectory(dir, "scratch");
    try (FileSpanStorage storage = FileSpanStorage.create(scratch.toFile())) {
      assertThat(storage.write(spans).join().isSuccessful()).isTrue();
    }
    try (var written = Files.list(scratch)) {
      Files.move(written.findFirst().orElseThrow(), file);
    }
  }

  @Test
  void twoLiveProcessesOnOneFolderNeverShareAFileAndTheNextTakesWhatTheyLeft() throws IOException {
    try (BufferFolder first = BufferFolder.claim(dir);
        BufferFolder second = BufferFolder.claim(dir)) {
      assertThat(first.spans()).isEqualTo(dir.resolve("0"));
      assertThat(second.spans()).isEqualTo(dir.resolve("1"));
      Files.writeString(second.spans().resolve("1700000000000"), "left by the second");
      try (BufferFolder third = BufferFolder.claim(dir)) {
        assertThat(third.spans()).isEqualTo(dir.resolve("2"));
        assertThat(third.spans().resolve("1700000000000"))
            .as("held by a live process")
            .doesNotExist();
      }
    }
    try (BufferFolder again = BufferFolder.claim(dir)) {
      assertThat(again.spans()).isEqualTo(dir.resolve("0"));
      assertThat(again.spans().resolve("1700000000000"))
          .as("what a dead process left on another slot")
          .hasContent("left by the second");
    }
  }

  @Test
  void aFullBudgetDropsTheOldestSpansAndCountsThem() throws Exception {
    RecordingBackend backend = new RecordingBackend();
    backend.down = true;
    long budget = BufferSettings.SMALLEST_MAX_BYTES;
    BufferedSpanExporter buffer = buffer(backend, budget);
    List<SpanData> sent = new ArrayList<>();
    for (int batch = 0; batch < 30; batch++) {
      List<SpanData> spans = spans("search", 10, 1000);
      sent.addAll(spans);
      buffer.export(spans);
      TimeUnit.MILLISECONDS.sleep(20);
      assertThat(folderBytes()).as("never over the budget").isLessThanOrEqualTo(budget);
    }
    long dropped = buffer.droppedSpans();
    assertThat(dropped).isPositive();
    assertThat(log).filteredOn(line -> line.contains("dropped")).hasSize(1);
    assertThat(log).anyMatch(line -> line.contains("custody.buffer.dropped"));

    backend.down = false;
    await(() -> backend.received().size() + dropped >= sent.size(), Duration.ofSeconds(15));
    buffer.shutdown();
    assertThat(backend.received().size() + dropped).isEqualTo(sent.size());
    // The newest spans are the ones kept.
    assertThat(backend.receivedSpanIds())
        .containsExactlyElementsOf(ids(sent.subList((int) dropped, sent.size())));
    assertThat(named.spans(STREAM))
        .as("the next checkpoint names the spans dropped, by their numbers")
        .hasToString(numbers(sent.subList(0, (int) dropped)));
  }

  @Test
  void aFolderThatCannotBeCreatedLeavesSpansUnbuffered() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "");
    RecordingBackend backend = new RecordingBackend();
    SpanExporter exporter =
        BufferedSpanExporter.wrap(
            backend,
            new BufferSettings(true, file.resolve("buffer"), 1 << 20, Duration.ofHours(1)),
            EXPORT_TIMEOUT,
            this::named,
            log::add,
            log::add);

    assertThat(exporter).isSameAs(backend);
    assertThat(log).singleElement().asString().contains("cannot use", "unbuffered");
  }

  @Test
  void aFolderLostWhileRunningSendsSpansStraightOut() throws Exception {
    RecordingBackend backend = new RecordingBackend();
    BufferedSpanExporter buffer = buffer(backend, BufferSettings.DEFAULT_MAX_BYTES);
    List<SpanData> spans = spans("orders", 3, 10);
    // Gone, and not to be made again (the test runs as root, which permissions do not stop); the
    // sender makes the folder again if it opens its reader in between.
    Path folder = dir.resolve("0");
    for (int attempt = 0; attempt < 100 && !Files.isRegularFile(folder); attempt++) {
      try {
        Files.deleteIfExists(folder);
        Files.writeString(folder, "");
      } catch (IOException madeAgain) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }

    assertThat(buffer.export(spans).isSuccess()).isTrue();
    assertThat(buffer.export(spans("orders", 2, 10)).isSuccess()).isTrue();
    buffer.shutdown();

    assertThat(backend.receivedSpanIds()).startsWith(ids(spans).toArray(String[]::new)).hasSize(5);
    assertThat(log).filteredOn(line -> line.contains("cannot be written")).hasSize(1);
  }

  @Test
  void disabledMeansTheExporterItself() {
    RecordingBackend backend = new RecordingBackend();
    assertThat(
            BufferedSpanExporter.wrap(
                backend,
                new BufferSettings(false, dir, 1 << 20, Duration.ofHours(1)),
                EXPORT_TIMEOUT,
                this::named,
                log::add,
                log::add))
        .isSameAs(backend);
  }
}
