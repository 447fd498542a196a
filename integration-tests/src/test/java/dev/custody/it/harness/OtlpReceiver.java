package dev.custody.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver of all three signals ({@code POST /v1/traces}, {@code /v1/metrics}, {@code
 * /v1/logs}, protobuf), as a collector would be: keeps every raw request body, for byte scans, and
 * the decoded spans, metric and log requests. Integrity checkpoints (Custody's {@code
 * custody.checkpoint} spans, each in a trace of its own) are kept apart from the spans, so that a
 * test of a case sees the case's traces only.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final String INTEGRITY_SCOPE = "custody-integrity";

  private final HttpServer server;
  private final List<byte[]> rawBodies = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedSpan> checkpoints = new ArrayList<>();
  private final List<ExportMetricsServiceRequest> metrics = new ArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new ArrayList<>();
  private volatile int tracesStatus = 200;
  private volatile long tracesDelayMillis;
  private volatile int refusedTraceRequests;

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", this::receive);
    server.createContext("/v1/metrics", this::receiveMetrics);
    server.createContext("/v1/logs", this::receiveLogs);
    server.start();
  }

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers every trace request with {@code status} from now on, keeping none of them, as a
   * collector that is overloaded (503) or failing (500) would; 200 takes them again.
   */
  public void answerTraces(int status) {
    tracesStatus = status;
  }

  /**
   * Takes every trace request but answers only after {@code delay}, as an overloaded collector
   * would; {@link Duration#ZERO} answers at once again.
   */
  public void answerTracesAfter(Duration delay) {
    tracesDelayMillis = delay.toMillis();
  }

  /** How many trace requests were answered with an error and dropped. */
  public int refusedTraceRequests() {
    return refusedTraceRequests;
  }

  public synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** The {@code custody.checkpoint} spans received. */
  public synchronized List<ReceivedSpan> checkpoints() {
    return List.copyOf(checkpoints);
  }

  /**
   * The spans received once {@code ready} holds of them; an app flushes before it exits, but a slow
   * collector connection may land a moment later. Fails the test after thirty seconds, and when any
   * span received reports dropped attributes (an audit record that reads as loss).
   */
  public Spans awaitSpans(Predicate<Spans> ready) throws InterruptedException {
    return awaitSpans(Duration.ofSeconds(30), ready);
  }

  /**
   * The spans received once {@code ready} holds of them; fails the test if that takes longer than
   * {@code within}, or when any of them reports dropped attributes.
   */
  public Spans awaitSpans(Duration within, Predicate<Spans> ready) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Spans received = new Spans(spans());
      if (ready.test(received)) {
        assertNoneDroppedAttributes(received);
        return received;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the expected spans did not arrive within "
                + within.toMillis()
                + " ms; received: "
                + received.all());
      }
      Thread.sleep(50);
    }
  }

  private static void assertNoneDroppedAttributes(Spans received) {
    List<String> lossy =
        received.all().stream()
            .filter(span -> span.droppedAttributesCount() > 0)
            .map(span -> span.name() + " (" + span.droppedAttributesCount() + ")")
            .toList();
    if (!lossy.isEmpty()) {
      throw new AssertionError("spans report dropped attributes: " + lossy);
    }
  }

  /** Every metrics export received, in order. */
  public synchronized List<ExportMetricsServiceRequest> metrics() {
    return List.copyOf(metrics);
  }

  /** Every log export received, in order. */
  public synchronized List<ExportLogsServiceRequest> logs() {
    return List.copyOf(logs);
  }

  /** Every exported byte, as received. */
  public synchronized List<byte[]> rawBodies() {
    return List.copyOf(rawBodies);
  }

  /** True when {@code text}, as UTF-8, occurs anywhere in any received request body. */
  public synchronized boolean rawBytesContain(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    for (byte[] body : rawBodies) {
      if (indexOf(body, needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where {@code text} first occurs in the received bytes, with what surrounds it, for a failure
   * message.
   */
  public synchronized String whereRawBytesContain(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    for (byte[] body : rawBodies) {
      int at = indexOf(body, needle);
      if (at >= 0) {
        int from = Math.max(0, at - 160);
        int to = Math.min(body.length, at + needle.length + 40);
        return new String(body, from, to - from, StandardCharsets.UTF_8)
            .replaceAll("[^\\x20-\\x7e]", ".");
      }
    }
    return "nowhere";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    if (tracesDelayMillis > 0) {
      try {
        Thread.sleep(tracesDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status = tracesStatus;
    if (status != 200) {
      refusedTraceRequests++;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    synchronized (this) {
      rawBodies.add(body);
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        List<KeyValue> resource = resourceSpans.getResource().getAttributesList();
        String service = serviceName(resource);
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          scopeSpans
              .getSpansList()
              .forEach(
                  span ->
                      (INTEGRITY_SCOPE.equals(scopeSpans.getScope().getName())
                              ? checkpoints
                              : spans)
                          .add(
                              new ReceivedSpan(
                                  service, scopeSpans.getScope().getName(), span, resource)));
        }
      }
    }
    respond(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
  }

  private void receiveMetrics(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
    synchronized (this) {
      rawBodies.add(body);
      metrics.add(request);
    }
    respond(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
  }

  private void receiveLogs(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
    synchronized (this) {
      rawBodies.add(body);
      logs.add(request);
    }
    respond(exchange, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
  }

  private static void respond(HttpExchange exchange, byte[] response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  private static String serviceName(List<KeyValue> attributes) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals("service.name"))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
