package dev.custody.cli.cases;

import static dev.custody.cli.cases.TwoCasesOfADesk.REFUND_CASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report CASE_ID --html}: one page for an incident ticket, as a browser renders it. */
class ReportCommandTest {

  @TempDir static Path dir;
  private static Path page;

  @BeforeAll
  static void writeTheReport() {
    Path traces = dir.resolve("traces.jsonl");
    TwoCasesOfADesk.export(traces);
    page = dir.resolve("case.html");
    CliRun run =
        CliRun.of("report", REFUND_CASE, "--file", traces.toString(), "--html", page.toString());
    assertThat(run.exit()).as(run.err()).isZero();
  }

  @Test
  void thePageStandsAloneAndEscapesWhatTheSpansSay() throws IOException {
    String html = Files.readString(page, StandardCharsets.UTF_8);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<span class=\"mono\" id=\"case-id\">" + REFUND_CASE + "</span>")
        .contains("Verdict: record <b>incomplete</b> (missing: policy_input)")
        .contains("<svg", "refunds need a human")
        .contains("{&quot;order&quot;:&quot;A-1&quot;}")
        .doesNotContain("<script", "src=", "href=", "url(", "<link");
    assertThat(CaseHtml.escape("<img src=x onerror='alert(1)'>&"))
        .isEqualTo("&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;");
  }

  @Test
  void chromiumRendersTheCaseIdAndTheVerdict() throws Exception {
    Path chromium =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    assumeTrue(chromium != null, "headless Chromium is not installed (apt-get install chromium)");
    Path screenshot = dir.resolve("case.png");
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + screenshot,
                "--window-size=1280,2000",
                "--dump-dom",
                page.toUri().toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(dom)
        .contains("id=\"case-id\">" + REFUND_CASE + "<")
        .contains("Verdict: record <b>incomplete</b>")
        .contains("DENY", "revoke at +900 ms");
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }
}
