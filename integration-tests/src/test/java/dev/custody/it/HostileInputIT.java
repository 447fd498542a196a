package dev.custody.it;

import static dev.custody.it.LangChain4jCaseIT.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import dev.custody.it.apps.HostileInputApp;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.AdversarialInputs;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an outsider sends cannot blind the audit: hostile headers on an unauthenticated health check
 * and adversarial prompts, which once made the scrubber overflow its stack inside the exporter (no
 * span exported for the rest of the process) or spend seconds per task, leave the export running,
 * cost a task nothing noticeable, and when a value cannot be scanned, it alone is replaced by its
 * hash.
 */
class HostileInputIT {

  /** A User-Agent past the export bound of 64 Ki characters. */
  private static final int LONG_USER_AGENT = 200 * 1024;

  /**
   * The /health probes: a quoted password that never closes, runs that drove the old matcher
   * quadratic, and prose too long to export whole.
   */
  private static final List<String> HOSTILE_HEALTH_CHECKS =
      List.of(
          "health:pair-password-quote-unclosed:5120",
          "health:pair-password-quote-unclosed:61440",
          "health:jwt-eyJ-dash-run:61440",
          "health:url-scheme-a-dot-run:61440",
          "health:prose:" + LONG_USER_AGENT);

  private static final int ORDINARY_TASKS = 5;

  @Test
  void
      afterHostileUserAgentsOnHealthChecksEveryTaskIsStillExportedWithinSecondsAndTheAppStopsPromptly()
          throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app =
          desk.app()
              .property("it.linger", "true")
              .args(HOSTILE_HEALTH_CHECKS.toArray(String[]::new))
              .args("ask", "ask", "ask", "ask", "ask")
              .startMain(HostileInputApp.class);
      app.awaitLine("DONE");

      // Exported while the app still runs: the batch processor's worker survived the hostile
      // values.
      long tasksDone = System.nanoTime();
      Spans spans =
          desk.receiver.awaitSpans(
              Duration.ofSeconds(5),
              received ->
                  healthChecks(received).size() == HOSTILE_HEALTH_CHECKS.size()
                      && completeTasks(received) == ORDINARY_TASKS);
      long arrivalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tasksDone);

      long stopping = System.nanoTime();
      ForkedApp.Result result = app.stop();
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
      System.out.printf(
          "hostile health checks: the tasks' spans arrived %d ms after the last task, stop took %d ms%n",
          arrivalMillis, stopMillis);
      assertThat(stopMillis)
          .as("SIGTERM to exit, with the final flush (a dead exporter hung it 10 s)")
          .isLessThan(5_000);

      for (ReceivedSpan task : spans.named("invoke_agent")) {
        assertThat(task.attr("custody.intent.prompt")).isEqualTo(HostileInputApp.ORDINARY_REQUEST);
        assertThat(spans.where(span -> span.parentSpanId().equals(task.spanId())))
            .extracting(ReceivedSpan::name)
            .containsExactlyInAnyOrder(
                "chat scripted-model", "execute_tool lookupOrder", "chat scripted-model");
      }

      // Each probe is on record below the app's own call, its User-Agent scanned and scrubbed, not
      // replaced.
      assertThat(healthChecks(spans))
          .allSatisfy(
              check -> {
                assertThat(check.attr("http.response.status_code")).isEqualTo("200");
                assertThat(spans.parentOf(check).kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
              });
      assertThat(userAgentsOf(spans, "password=\""))
          .as("the unclosed quoted password, at 5 KB and 60 KB")
          .containsOnly("password=\"[REDACTED:password]");
      assertThat(userAgentsOf(spans, "eyJ-"))
          .containsExactly(AdversarialInputs.of("jwt-eyJ-dash-run", 61440).text());
      assertThat(userAgentsOf(spans, "://@ a."))
          .containsExactly(AdversarialInputs.of("url-scheme-a-dot-run", 61440).text());
      String prose = AdversarialInputs.of("prose", LONG_USER_AGENT).text();
      String cut = "[CUT:" + LONG_USER_AGENT + " chars, sha256:" + sha256(prose) + "]";
      assertThat(userAgentsOf(spans, prose.substring(0, 80)))
          .as("200 KB of prose, cut at the export bound with the length and hash of the whole")
          .singleElement()
          .satisfies(
              userAgent -> assertThat(userAgent).hasSize(64 * 1024 + cut.length()).endsWith(cut));

      assertThat(result.stderr())
          .doesNotContain(
              "StackOverflowError",
              "at dev.custody.",
              "Custody: could not scrub",
              "Custody: replaced");
    }
  }

  @Test
  void anAdversarialPromptAddsUnder100MsToItsTaskAndItsIntentIsCapturedScrubbed() throws Exception {
    // Wide enough that the window holds the prompt's secret-shaped parts (from 9 KB on), short
    // enough to cut it.
    int maxLength = 11 * 1024;
    String prose = "ask:prose:" + AdversarialInputs.PROMPT_SIZE;
    String adversarial = "ask:adversarial-prompt";
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Result result =
          desk.app()
              .property("custody.capture.max_length", String.valueOf(maxLength))
              .args(prose, adversarial) // warm-up
              .args(prose, adversarial, prose, adversarial, prose, adversarial, prose, adversarial)
              .runMain(HostileInputApp.class);
      assertThat(result.exitCode()).as(result.stderr()).isZero();

      List<Double> proseMillis = took(result, "prose");
      List<Double> adversarialMillis = took(result, "adversarial-prompt");
      // The fastest of each: what scanning adds is the same every time, while a busy machine slows
      // any task.
      double difference = fastest(adversarialMillis) - fastest(proseMillis);
      System.out.printf(
          "20 KB prompt, ms per task: prose %s, adversarial %s; difference of the fastest %.1f ms%n",
          proseMillis, adversarialMillis, difference);
      assertThat(difference)
          .as("adversarial %s ms against prose %s ms", adversarialMillis, proseMillis)
          .isLessThan(100);

      String prompt = AdversarialInputs.prompt().text();
      Spans spans = desk.receiver.awaitSpans(received -> completeTasks(received) == 10);
      String promptHash = "sha256:" + sha256(prompt);
      List<ReceivedSpan> adversarialTasks =
          spans.where(span -> promptHash.equals(span.attr("custody.intent.prompt.hash")));
      assertThat(adversarialTasks).hasSize(5);
      String intent = adversarialTasks.get(0).attr("custody.intent.prompt");
      assertThat(intent)
          .hasSize(maxLength)
          .startsWith(prompt.substring(0, 2048))
          .contains("Bearer [REDACTED:bearer-token]", "Basic [REDACTED:basic-auth]");
      // The prompt's one 40-character key, among near misses of 39.
      String secretKey =
          AdversarialInputs.of("aws-secret-39-char-runs", 1024).text().substring(0, 40);
      assertThat(prompt).contains(secretKey);
      assertThat(intent).doesNotContain(secretKey);
      assertThat(desk.receiver.rawBytesContain(secretKey))
          .as("exported bytes contain the prompt's secret key")
          .isFalse();
    }
  }

  @Test
  void aUserAgentOverTheScanBudgetLeavesWithItsSpanAsItsHashAndNothingElseIsReplaced()
      throws Exception {
    int megabyte = 1 << 20;
    String unclosedPassword = AdversarialInputs.of("pair-password-quote-unclosed", megabyte).text();
    String jwtRun = AdversarialInputs.of("jwt-eyJ-dash-run", megabyte).text();
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Result result =
          desk.app()
              .property("custody.scrub.budget_ms", "1")
              // A server that accepts headers this long (the JDK's default limit is 380 KB).
              .property("sun.net.httpserver.maxReqHeaderSize", String.valueOf(4 * megabyte))
              .args(
                  "ask",
                  "health:pair-password-quote-unclosed:" + megabyte,
                  "health:jwt-eyJ-dash-run:" + megabyte,
                  "ask")
              .runMain(HostileInputApp.class);
      assertThat(result.exitCode()).as(result.stderr()).isZero();

      Spans spans =
          desk.receiver.awaitSpans(
              received -> healthChecks(received).size() == 2 && completeTasks(received) == 2);

      assertThat(healthChecks(spans))
          .extracting(span -> span.attr("user_agent.original"))
          .containsExactlyInAnyOrder(
              "[UNSCANNED:sha256:" + sha256(unclosedPassword) + "]",
              "[UNSCANNED:sha256:" + sha256(jwtRun) + "]");
      assertThat(healthChecks(spans))
          .allSatisfy(
              check -> {
                assertThat(check.attr("http.response.status_code")).isEqualTo("200");
                assertThat(check.attr("http.request.method")).isEqualTo("GET");
              });

      // Nothing else in the run was replaced, neither the tasks before and after nor what describes
      // the process,
      // and the log says which values were.
      assertSoftly(
          softly -> {
            for (ReceivedSpan span : spans.all()) {
              if (!healthChecks(spans).contains(span)) {
                softly
                    .assertThat(unscanned(span.proto().getAttributesList()))
                    .as("replaced on %s", span)
                    .isEmpty();
              }
            }
            softly
                .assertThat(
                    spans.all().stream()
                        .flatMap(span -> unscanned(span.resource()).stream())
                        .distinct())
                .as("replaced on the resource of the process")
                .isEmpty();
            softly
                .assertThat(
                    result.stderr().lines().filter(line -> line.contains("Custody: replaced")))
                .as("one warning for each replaced value")
                .hasSize(2)
                .allSatisfy(
                    warning ->
                        assertThat(warning)
                            .contains(
                                "a text of " + megabyte + " characters with [UNSCANNED:<hash>]",
                                "custody.scrub.budget_ms",
                                "what carried it is still exported"));
          });
      assertThat(result.stderr()).doesNotContain("at dev.custody.");
    }
  }

  private static List<ReceivedSpan> healthChecks(Spans spans) {
    return spans.where(
        span ->
            span.kind() == SpanKind.SPAN_KIND_SERVER && "/health".equals(span.attr("url.path")));
  }

  private static List<String> userAgentsOf(Spans spans, String prefix) {
    return healthChecks(spans).stream()
        .map(span -> span.attr("user_agent.original"))
        .filter(userAgent -> userAgent.startsWith(prefix))
        .toList();
  }

  /** How many case roots arrived with every span of their task. */
  private static long completeTasks(Spans spans) {
    return spans.named("invoke_agent").stream()
        .filter(root -> spans.descendantsOf(root).size() == OrderDesk.SPANS_PER_REQUEST - 1)
        .count();
  }

  /** The keys of the attributes that were replaced unscanned. */
  private static List<String> unscanned(List<KeyValue> attributes) {
    return attributes.stream()
        .filter(attribute -> attribute.getValue().getStringValue().startsWith("[UNSCANNED"))
        .map(KeyValue::getKey)
        .toList();
  }

  /** The milliseconds of each timed task with this prompt, the warm-up left out. */
  private static List<Double> took(ForkedApp.Result result, String prompt) {
    List<Double> all =
        result
            .stdout()
            .lines()
            .filter(line -> line.startsWith("TOOK " + prompt + " "))
            .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .toList();
    assertThat(all).as("timed tasks with the %s prompt", prompt).hasSize(5);
    return all.subList(1, all.size());
  }

  private static double fastest(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }
}
