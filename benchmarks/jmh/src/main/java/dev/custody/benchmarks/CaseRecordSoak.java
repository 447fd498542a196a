package dev.custody.benchmarks;

import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.POLICY_DECISIONS;

import dev.custody.bootstrap.CredentialHolders;
import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.Credentials;
import dev.custody.core.policy.PolicyDecisions;
import dev.custody.core.policy.PolicyQuery;
import dev.custody.core.policy.PolicyVerdict;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many cases at once, as a busy agent service runs them: each case root must end with its own
 * decision and credential totals, however many cases run beside it, and what the cases kept must go
 * with them. Runs the audit core on an SDK tracer (no agent): {@code java -cp
 * benchmarks/jmh/target/benchmarks.jar dev.custody.benchmarks.CaseRecordSoak [cases] [threads]}.
 * Prints the roots checked, the mismatches (must be 0) and the heap after a full collection at the
 * start, the middle and the end; exits 1 on any mismatch, on a credential still held, or when the
 * heap grew by more than {@value #HEAP_GROWTH_ALLOWED_KB} KB (what the cases kept did not go with
 * them).
 */
public final class CaseRecordSoak {

  private static final AttributeKey<Long> EXPECTED_DECISIONS =
      AttributeKey.longKey("soak.expected.decisions");
  private static final AttributeKey<Long> EXPECTED_CREDENTIALS =
      AttributeKey.longKey("soak.expected.credentials");

  private static final long HEAP_GROWTH_ALLOWED_KB = 8 * 1024;

  private static final AtomicLong checked = new AtomicLong();
  private static final AtomicLong mismatches = new AtomicLong();

  private CaseRecordSoak() {}

  public static void main(String[] args) throws Exception {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    GlobalOpenTelemetry.resetForTest();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder().addSpanProcessor(new RootChecker()).build())
            .buildAndRegisterGlobal();
    AgentCases agentCases = new AgentCases("soak");
    PolicyDecisions decisions = new PolicyDecisions("soak");

    run(agentCases, decisions, 1_000, threads);
    long start = heapAfterGc();
    run(agentCases, decisions, cases / 2, threads);
    long middle = heapAfterGc();
    run(agentCases, decisions, cases - cases / 2, threads);
    long end = heapAfterGc();
    sdk.close();

    System.out.printf(
        "%d case roots checked, %d with wrong totals; credentials still held for revocations: %d;"
            + " heap after GC: start %d KB, middle %d KB, end %d KB%n",
        checked.get(),
        mismatches.get(),
        CredentialHolders.size(),
        start / 1024,
        middle / 1024,
        end / 1024);
    boolean kept = CredentialHolders.size() > 0 || (end - start) / 1024 > HEAP_GROWTH_ALLOWED_KB;
    System.exit(mismatches.get() == 0 && !kept ? 0 : 1);
  }

  /** Runs {@code count} cases on {@code threads} threads, many open at once. */
  private static void run(AgentCases agentCases, PolicyDecisions decisions, int count, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < count; i++) {
      pool.execute(() -> oneCase(agentCases, decisions));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
  }

  /**
   * A case that asks a random number of decisions and obtains a random number of credentials, some
   * revoked.
   */
  private static void oneCase(AgentCases agentCases, PolicyDecisions decisions) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    AgentInvocation invocation = agentCases.start("Soak", "Soak.run");
    int asked = random.nextInt(6);
    int obtained = random.nextInt(6);
    int revoked = obtained == 0 ? 0 : random.nextInt(obtained + 1);
    Context context = invocation.context();
    for (int i = 0; i < asked; i++) {
      PolicyQuery query = new PolicyQuery("opa", null, "soak/allow", "{}", "soak/allow");
      decisions.record(
          context, query, Instant.now(), PolicyVerdict.decided("allow", null, null, null), null);
    }
    Span fetch = GlobalOpenTelemetry.getTracer("soak").spanBuilder("fetch soak").startSpan();
    for (int i = 0; i < obtained; i++) {
      String id = "soak:" + random.nextLong();
      CredentialFacts facts = CredentialFacts.builder("soak", "lease", id).neverExpires().build();
      Credentials.remember(fetch, context, facts, List.of(), List.of());
      if (i < revoked) {
        Credentials.revoked(id);
      }
    }
    fetch.end();
    Thread.yield(); // let other cases run in between
    Span root = Span.fromContext(context);
    root.setAttribute(EXPECTED_DECISIONS, (long) asked);
    root.setAttribute(EXPECTED_CREDENTIALS, (long) (obtained - revoked));
    agentCases.end(invocation, null);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** Checks every ended case root against the totals its case expected. */
  private static final class RootChecker implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      Long expectedDecisions = span.getAttribute(EXPECTED_DECISIONS);
      if (expectedDecisions == null) {
        return;
      }
      checked.incrementAndGet();
      if (!expectedDecisions.equals(span.getAttribute(POLICY_DECISIONS))
          || !span.getAttribute(EXPECTED_CREDENTIALS)
              .equals(span.getAttribute(CREDENTIALS_OUTSTANDING))) {
        mismatches.incrementAndGet();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
