package dev.custody.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, as a person would open a trace UI: the page as rendered, and a PNG.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  /**
   * Opens {@code page}, lets its scripts run for {@code settleMillis}, writes a screenshot to
   * {@code png} and returns the rendered DOM. Skips the test where Chromium is not installed.
   */
  public static String render(URI page, Path png, int settleMillis)
      throws IOException, InterruptedException {
    Path chromium =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    assumeTrue(chromium != null, "headless Chromium is not installed (apt-get install chromium)");
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + profile,
                "--window-size=1600,1000",
                "--virtual-time-budget=" + settleMillis,
                "--screenshot=" + png.toAbsolutePath(),
                "--dump-dom",
                page.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish rendering " + page);
    }
    return dom;
  }
}
