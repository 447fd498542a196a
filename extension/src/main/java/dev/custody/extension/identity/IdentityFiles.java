package dev.custody.extension.identity;

import dev.custody.core.credentials.JwtClaims;
import dev.custody.extension.identity.WorkloadIdentity.KubernetesPod;
import dev.custody.extension.identity.WorkloadIdentity.Proof;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * Reads the local files that prove a workload's identity: token files (JWTs, of which only the
 * claims are read) and X.509 SVIDs (PEM certificates, never a key file). A file that is missing,
 * too large or unreadable reads as null.
 */
final class IdentityFiles {

  /**
   * Larger than any token, certificate chain or credentials file: a bigger file is not one of them.
   */
  static final int MAX_FILE_BYTES = 64 * 1024;

  /**
   * The SVID file names spiffe-helper writes by default, and the Kubernetes TLS secret convention.
   */
  static final List<String> SVID_FILE_NAMES = List.of("svid.pem", "tls.crt");

  private IdentityFiles() {}

  /**
   * What a token file proves: the token's claims as a proof, and the pod when Kubernetes issued it.
   */
  record Token(Proof proof, KubernetesPod pod) {}

  /** An X.509 SVID: its SPIFFE ID and validity. */
  record Svid(String spiffeId, Proof proof) {}

  /** The path {@code configured} names, or null when it names none (a NUL character...). */
  static Path path(String configured) {
    try {
      return configured == null ? null : Path.of(configured);
    } catch (InvalidPathException noPath) {
      return null;
    }
  }

  /** The file's text, or null. */
  static String read(Path path) {
    try {
      if (path == null || !Files.isRegularFile(path) || Files.size(path) > MAX_FILE_BYTES) {
        return null;
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException unreadable) {
      return null;
    }
  }

  /** The token file's claims, or null when it holds no JWT with a subject. */
  static Token token(Path path) {
    String text = read(path);
    JwtClaims claims = text == null ? null : JwtClaims.of(text.trim());
    if (claims == null || claims.string("sub") == null) {
      return null;
    }
    KubernetesPod pod = kubernetesPod(claims);
    Proof proof =
        new Proof(
            "token",
            claims.string("sub"),
            claims.string("iss"),
            claims.string("jti"),
            null,
            claims.time("iat"),
            claims.time("exp"),
            pod != null);
    return new Token(proof, pod);
  }

  /**
   * The pod of a projected service-account token ({@code kubernetes.io} claims) or the namespace
   * and account of a legacy secret-based one; null for a token Kubernetes did not issue.
   */
  private static KubernetesPod kubernetesPod(JwtClaims claims) {
    JwtClaims kubernetes = claims.object("kubernetes.io");
    if (kubernetes.string("namespace") != null) {
      JwtClaims pod = kubernetes.object("pod");
      return new KubernetesPod(
          kubernetes.string("namespace"),
          kubernetes.object("serviceaccount").string("name"),
          pod.string("name"),
          pod.string("uid"));
    }
    String legacyNamespace = claims.string("kubernetes.io/serviceaccount/namespace");
    if (legacyNamespace != null) {
      return new KubernetesPod(
          legacyNamespace,
          claims.string("kubernetes.io/serviceaccount/service-account.name"),
          null,
          null);
    }
    return null;
  }

  /**
   * The SVID in {@code path}, a PEM file or a directory holding one under a conventional name; null
   * when none.
   */
  static Svid svid(Path path) {
    if (path == null) {
      return null;
    }
    if (Files.isDirectory(path)) {
      for (String name : SVID_FILE_NAMES) {
        Svid svid = svid(path.resolve(name));
        if (svid != null) {
          return svid;
        }
      }
      return null;
    }
    String pem = read(path);
    return pem == null ? null : svidOf(pem);
  }

  /** The SPIFFE ID (URI SAN) and validity of the chain's leaf, the first certificate. */
  private static Svid svidOf(String pem) {
    try {
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (chain.isEmpty() || !(chain.iterator().next() instanceof X509Certificate leaf)) {
        return null;
      }
      String spiffeId = spiffeId(leaf);
      if (spiffeId == null) {
        return null;
      }
      Proof proof =
          new Proof(
              "svid",
              spiffeId,
              null,
              null,
              leaf.getSerialNumber().toString(16),
              leaf.getNotBefore().toInstant(),
              leaf.getNotAfter().toInstant(),
              false);
      return new Svid(spiffeId, proof);
    } catch (GeneralSecurityException notCertificates) {
      return null;
    }
  }

  private static String spiffeId(X509Certificate leaf) throws GeneralSecurityException {
    Collection<List<?>> names = leaf.getSubjectAlternativeNames();
    if (names == null) {
      return null;
    }
    for (List<?> name : names) {
      if (Integer.valueOf(6).equals(name.get(0))
          && name.get(1) instanceof String uri
          && uri.startsWith("spiffe://")) {
        return uri;
      }
    }
    return null;
  }
}
