package dev.custody.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The files a workload's identity is read from, made at test time: JWTs shaped as Kubernetes and identity providers
 * issue them (with a random signature: nothing verifies them) and X.509 SVIDs made by the JDK's keytool.
 */
public final class WorkloadFixtures {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private WorkloadFixtures() {}

  /** A compact JWS with these claims (a JSON object), signed in shape only. */
  public static String jwt(String claimsJson) {
    byte[] signature = new byte[64];
    RANDOM.nextBytes(signature);
    return encode("{\"alg\":\"RS256\",\"kid\":\"test-key\"}") + "." + encode(claimsJson) + "."
        + URL.encodeToString(signature);
  }

  /**
   * A projected service-account token as the kubelet mounts it: {@code sub}
   * {@code system:serviceaccount:<namespace>:<account>}, the pod it was issued to, its {@code jti} and expiry.
   */
  public static String kubernetesToken(
      String issuer, String audience, String namespace, String account, String pod, String podUid, String jti,
      long expiresAtEpochSeconds) {
    return jwt(
        "{\"aud\":[\"" + audience + "\"],\"exp\":" + expiresAtEpochSeconds + ",\"iat\":"
            + (expiresAtEpochSeconds - 3600) + ",\"iss\":\"" + issuer + "\",\"jti\":\"" + jti + "\","
            + "\"kubernetes.io\":{\"namespace\":\"" + namespace + "\",\"node\":{\"name\":\"node-1\",\"uid\":\""
            + randomId() + "\"},\"pod\":{\"name\":\"" + pod + "\",\"uid\":\"" + podUid + "\"},"
            + "\"serviceaccount\":{\"name\":\"" + account + "\",\"uid\":\"" + randomId() + "\"}},"
            + "\"nbf\":" + (expiresAtEpochSeconds - 3600) + ",\"sub\":\"system:serviceaccount:" + namespace + ":"
            + account + "\"}");
  }

  /** A random identifier, as a token's {@code jti} or a pod's uid is. */
  public static String randomId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return URL.encodeToString(id);
  }

  /**
   * The PEM of a self-signed X.509 SVID for {@code spiffeId} (its URI SAN), valid from {@code startDate}
   * ({@code yyyy/MM/dd HH:mm:ss}, UTC) for {@code days}; keytool keeps its key store in {@code workDir}.
   */
  public static String svidPem(Path workDir, String spiffeId, String startDate, int days)
      throws IOException, InterruptedException {
    Path keyStore = workDir.resolve("svid-" + randomId() + ".p12");
    Path pem = workDir.resolve("svid-" + randomId() + ".pem");
    keytool(
        "-genkeypair", "-alias", "svid", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "O=SPIRE",
        "-ext", "SAN=uri:" + spiffeId, "-startdate", startDate, "-validity", String.valueOf(days),
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    keytool(
        "-exportcert", "-rfc", "-alias", "svid", "-keystore", keyStore.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    String text = Files.readString(pem);
    Files.delete(pem);
    Files.delete(keyStore);
    return text;
  }

  /** Replaces {@code file}'s content at once, as the kubelet and spiffe-helper do: readers see old or new, whole. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, text, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
