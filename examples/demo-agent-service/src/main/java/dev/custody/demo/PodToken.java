package dev.custody.demo;

import dev.custody.testing.FakeJwt;
import dev.custody.testing.WorkloadFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the projected service-account token Kubernetes would mount into the demo's pod, so the
 * demo runs with a workload identity as a deployment has one: {@code
 * system:serviceaccount:travel:travel-agent}, valid for an hour. {@code demo.sh} runs it before the
 * service starts, as the kubelet mounts the token before the container starts.
 */
public final class PodToken {

  public static final String NAMESPACE = "travel";
  public static final String SERVICE_ACCOUNT = "travel-agent";

  private PodToken() {}

  /** {@code args[0]}: where to write the token. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Files.createDirectories(file.toAbsolutePath().getParent());
    WorkloadFixtures.writeAtomically(
        file,
        WorkloadFixtures.kubernetesToken(
            "https://kubernetes.default.svc.cluster.local",
            "vault",
            NAMESPACE,
            SERVICE_ACCOUNT,
            "travel-agent-7d4f9c-x2kqp",
            FakeJwt.randomId(),
            FakeJwt.randomId(),
            Instant.now().plusSeconds(3600).getEpochSecond()));
  }
}
