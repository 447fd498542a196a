package dev.custody.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for 127.0.0.1 made at test time with the running JDK's {@code keytool}: a key store
 * for a fake server, and a trust store for its clients ({@code -Djavax.net.ssl.trustStore=...}).
 */
public final class SelfSignedTls {

  public static final String PASSWORD = "changeit";

  private final Path keyStore;
  private final Path certificate;
  private final Path trustStore;

  private SelfSignedTls(Path keyStore, Path certificate, Path trustStore) {
    this.keyStore = keyStore;
    this.certificate = certificate;
    this.trustStore = trustStore;
  }

  /** Makes the key pair, its certificate and a trust store holding it in {@code dir}. */
  public static SelfSignedTls create(Path dir) throws IOException, InterruptedException {
    Path keyStore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.pem");
    Path trustStore = dir.resolve("trust.p12");
    Keytool.run(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Keytool.run(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Keytool.run(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return new SelfSignedTls(keyStore, certificate, trustStore);
  }

  /** The certificate as PEM, for clients that take a CA file (a pod's {@code ca.crt}). */
  public Path certificate() {
    return certificate;
  }

  public Path trustStore() {
    return trustStore;
  }

  /** A server-side TLS context presenting the certificate. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }
}
