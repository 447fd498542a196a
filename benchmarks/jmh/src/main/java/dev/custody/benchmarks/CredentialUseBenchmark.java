package dev.custody.benchmarks;

import dev.custody.bootstrap.CredentialLedger;
import dev.custody.extension.credentials.CredentialUseSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The use linkage alone, without an agent: an HTTP client span as the agent starts it, with the
 * authorization header Custody has it capture, on an SDK tracer without and with Custody's {@link
 * CredentialUseSpanProcessor}. The difference is what naming the credential ({@code
 * custody.credential.used}) adds to every outbound call once a credential was fetched: run with
 * {@code -Djmh.variants="no agent"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CredentialUseBenchmark {

  private static final String FETCHED_KEY = "ord-live-7f3a9c2e41b04d8f9a6e";
  private static final AttributeKey<List<String>> AUTHORIZATION =
      AttributeKey.stringArrayKey("http.request.header.authorization");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

  private SdkTracerProvider plain;
  private SdkTracerProvider linking;
  private Tracer plainTracer;
  private Tracer linkingTracer;

  @Setup
  public void setUp() {
    CredentialLedger.obtained(
        "secret/orders-api",
        new CredentialLedger.Issuance(null, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"),
        List.of(FETCHED_KEY, "ord-live-0000000000000000000a", "db-password-1"));
    plain = SdkTracerProvider.builder().build();
    linking =
        SdkTracerProvider.builder().addSpanProcessor(new CredentialUseSpanProcessor()).build();
    plainTracer = plain.get("benchmark");
    linkingTracer = linking.get("benchmark");
  }

  @TearDown
  public void tearDown() {
    plain.close();
    linking.close();
    CredentialLedger.clear();
  }

  @Benchmark
  public Span callWithoutLinkage() {
    return call(plainTracer, FETCHED_KEY);
  }

  /** The call presents the fetched key: it is fingerprinted, found and named. */
  @Benchmark
  public Span callPresentingFetchedKey() {
    return call(linkingTracer, FETCHED_KEY);
  }

  /**
   * The call presents a token no fetch returned: looked up (the header's and the bare token's
   * length), not found.
   */
  @Benchmark
  public Span callPresentingOtherToken() {
    return call(linkingTracer, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
  }

  private static Span call(Tracer tracer, String token) {
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(URL_FULL, "http://127.0.0.1:8080/orders/A-17")
            .setAttribute(AUTHORIZATION, List.of("Bearer " + token))
            .startSpan();
    span.end();
    return span;
  }
}
