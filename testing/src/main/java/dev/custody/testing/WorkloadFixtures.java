package dev.custody.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files a workload's identity is read from, made at test time: service-account tokens shaped as
 * Kubernetes issues them ({@link FakeJwt}: nothing verifies them) and X.509 SVIDs made by the JDK's
 * keytool.
 */
public final class WorkloadFixtures {

  private WorkloadFixtures() {}

  /**
   * A projected service-account token as the kubelet mounts it: {@code sub} {@code
   * system:serviceaccount:<namespace>:<account>}, the pod it was issued to, its {@code jti} and
   * expiry.
   */
  public static String kubernetesToken(
      String issuer,
      String audience,
      String namespace,
      String account,
      String pod,
      String podUid,
      String jti,
      long expiresAtEpochSeconds) {
    return FakeJwt.of(
        "RS256",
        "{\"aud\":[\""
            + audience
            + "\"],\"exp\":"
            + expiresAtEpochSeconds
            + ",\"iat\":"
            + (expiresAtEpochSeconds - 3600)
            + ",\"iss\":\""
            + issuer
            + "\",\"jti\":\""
            + jti
            + "\","
            + "\"kubernetes.io\":{\"namespace\":\""
            + namespace
            + "\",\"node\":{\"name\":\"node-1\",\"uid\":\""
            + FakeJwt.randomId()
            + "\"},\"pod\":{\"name\":\""
            + pod
            + "\",\"uid\":\""
            + podUid
            + "\"},"
            + "\"serviceaccount\":{\"name\":\""
            + account
            + "\",\"uid\":\""
            + FakeJwt.randomId()
            + "\"}},"
            + "\"nbf\":"
            + (expiresAtEpochSeconds - 3600)
            + ",\"sub\":\"system:serviceaccount:"
            + namespace
            + ":"
            + account
            + "\"}");
  }

  /**
   * The PEM of a self-signed X.509 SVID for {@code spiffeId} (its URI SAN), valid from {@code
   * startDate} ({@code yyyy/MM/dd HH:mm:ss}, UTC) for {@code days}; keytool keeps its key store in
   * {@code workDir}.
   */
  public static String svidPem(Path workDir, String spiffeId, String startDate, int days)
      throws IOException, InterruptedException {
    Path keyStore = workDir.resolve("svid-" + FakeJwt.randomId() + ".p12");
    Path pem = workDir.resolve("svid-" + FakeJwt.randomId() + ".pem");
    Keytool.run(
        "-genkeypair",
        "-alias",
        "svid",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "O=SPIRE",
        "-ext",
        "SAN=uri:" + spiffeId,
        "-startdate",
        startDate,
        "-validity",
        String.valueOf(days),
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    Keytool.run(
        "-exportcert",
        "-rfc",
        "-alias",
        "svid",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    String text = Files.readString(pem);
    Files.delete(pem);
    Files.delete(keyStore);
    return text;
  }

  /**
   * Replaces {@code file}'s content at once, as the kubelet and spiffe-helper do: readers see old
   * or new, whole.
   */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
