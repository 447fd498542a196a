package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.DemoService;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custody.profile=lean} as the agent applies it, read from its debug log of what it
 * installs: the stock instrumentations outside the profile are not installed, those an audit needs
 * and Custody's own are, and one the user switches on by name is too; the demo's case still carries
 * its credential on the booking call.
 */
class LeanProfileIT {

  @Test
  void theAgentInstallsOnlyTheLeanInstrumentationsAndWhatTheUserSwitchedOn(@TempDir Path dir)
      throws Exception {
    ForkedApp.Result result;
    Spans spans;
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      result =
          DemoService.inPod(receiver, dir)
              .property("custody.profile", "lean")
              .property("otel.javaagent.debug", "true")
              .property("otel.instrumentation.quartz.enabled", "true")
              .property("otel.instrumentation.jdbc.enabled", "false")
              .runJar(DemoService.jar());
      spans = receiver.awaitSpans(s -> !s.named("revoke vault token").isEmpty());
    }
    assertThat(result.exitCode()).as(result.stderr()).isZero();

    assertThat(result.stderr())
        .as("outside the profile, or switched off by the user")
        .contains(
            "Instrumentation jedis is disabled",
            "Instrumentation mongo is disabled",
            "Instrumentation lettuce is disabled",
            "Instrumentation jdbc is disabled")
        .as("the audit's, the agent's own, Custody's, and one the user switched on")
        .contains(
            "Instrumentation java-http-client [class",
            "Instrumentation kafka-clients [class",
            "Instrumentation executors [class",
            "Instrumentation internal-class-loader [class",
            "Instrumentation custody-vault-java-driver [class",
            "Instrumentation custody-opa [class",
            "Instrumentation quartz [class");

    ReceivedSpan lease = spans.one("fetch vault database/creds/bookings");
    assertThat(spans.where(span -> String.valueOf(span.attr("url.full")).endsWith("/bookings")))
        .as("the booking, made with the lease, traced by the stock HTTP client instrumentation")
        .singleElement()
        .satisfies(
            booking ->
                assertThat(booking.attr("custody.credential.used"))
                    .isEqualTo(lease.attr("custody.credential.id")));
  }
}
