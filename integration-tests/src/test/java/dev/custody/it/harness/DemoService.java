package dev.custody.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The demo service as {@code demo.sh} runs it: its jar with Custody, in a pod whose mounted
 * service-account token ({@code system:serviceaccount:travel:travel-agent}) is its workload
 * identity and its Vault login.
 */
public final class DemoService {

  public static final String WORKLOAD = "system:serviceaccount:travel:travel-agent";

  private DemoService() {}

  /**
   * The demo with Custody exporting to {@code receiver}, in a pod whose token the demo's own {@code
   * PodToken} wrote in {@code dir}, as {@code demo.sh} has it write.
   */
  public static ForkedApp inPod(OtlpReceiver receiver, Path dir)
      throws IOException, InterruptedException {
    Path token = dir.resolve("token");
    Process podToken =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jar(),
                "dev.custody.demo.PodToken",
                token.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(podToken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (podToken.waitFor() != 0) {
      throw new IllegalStateException("PodToken failed: " + output);
    }
    return ForkedApp.withCustody(receiver)
        .property("custody.workload.kubernetes.token_path", token.toString())
        .property("app.service-account-token", token.toString());
  }

  public static String jar() {
    return System.getProperty("custody.demo.jar");
  }
}
