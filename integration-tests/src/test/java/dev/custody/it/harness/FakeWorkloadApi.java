package dev.custody.it.harness;

import com.google.protobuf.ByteString;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.Keytool;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The SPIFFE Workload API over gRPC (plaintext TCP, as {@code SPIFFE_ENDPOINT_SOCKET=tcp://...}),
 * served with the stubs java-spiffe publishes: an X.509-SVID stream that rotates the SVID once, a
 * second after it opened; JWT-SVIDs for any audience but {@link #REFUSED_AUDIENCE}; the JWT bundle.
 * Its SVIDs are made with {@code keytool} at start: a CA and two leaf certificates naming {@link
 * #SPIFFE_ID}.
 */
public final class FakeWorkloadApi implements AutoCloseable {

  public static final String SPIFFE_ID = "spiffe://example.org/ns/agents/sa/ops-agent";
  public static final String REFUSED_AUDIENCE = "api://payments";

  private static final String PASSWORD = "changeit";
  private static final Metadata.Key<String> SECURITY_HEADER =
      Metadata.Key.of("workload.spiffe.io", Metadata.ASCII_STRING_MARSHALLER);

  /** One X.509-SVID: the leaf certificate and its PKCS#8 private key. */
  public record X509(X509Certificate leaf, byte[] privateKey) {
    public String serial() {
      return leaf.getSerialNumber().toString(16);
    }
  }

  /** One JWT-SVID issued: the token and the claims that identify and bound it. */
  public record Jwt(String token, String jti, Instant issuedAt, Instant expiresAt) {}

  private final KeyStore keys;
  private final X509Certificate ca;
  private final List<X509> x509Svids = new ArrayList<>();
  private final List<Jwt> jwtSvids = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService rotations = Executors.newSingleThreadScheduledExecutor();
  private final Server server;

  private FakeWorkloadApi(Path dir) throws Exception {
    Path keyStore = dir.resolve("spiffe.p12");
    Keytool.run(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=example.org CA",
        "-ext",
        "BC:c=ca:true",
        "-ext",
        "KU:c=keyCertSign,cRLSign",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keys = KeyStore.getInstance("PKCS12");
    for (String leaf : List.of("leaf1", "leaf2")) {
      Path request = dir.resolve(leaf + ".csr");
      Path certificate = dir.resolve(leaf + ".pem");
      Keytool.run(
          "-genkeypair",
          "-alias",
          leaf,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=ops-agent",
          "-keystore",
          keyStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
      Keytool.run(
          "-certreq",
          "-alias",
          leaf,
          "-file",
          request.toString(),
          "-keystore",
          keyStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
      Keytool.run(
          "-gencert",
          "-alias",
          "ca",
          "-infile",
          request.toString(),
          "-outfile",
          certificate.toString(),
          "-validity",
          "1",
          "-ext",
          "BC:c=ca:false",
          "-ext",
          "KU:c=digitalSignature,keyEncipherment,keyAgreement",
          "-ext",
          "SAN=uri:" + SPIFFE_ID,
          "-keystore",
          keyStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
    }
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    ca = (X509Certificate) keys.getCertificate("ca");
    CertificateFactory certificates = CertificateFactory.getInstance("X.509");
    for (String leaf : List.of("leaf1", "leaf2")) {
      try (InputStream in = Files.newInputStream(dir.resolve(leaf + ".pem"))) {
        x509Svids.add(
            new X509(
                (X509Certificate) certificates.generateCertificate(in),
                keys.getKey(leaf, PASSWORD.toCharArray()).getEncoded()));
      }
    }
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(new Service(), new RequireSecurityHeader()))
            .build()
            .start();
  }

  public static FakeWorkloadApi start(Path dir) throws Exception {
    return new FakeWorkloadApi(dir);
  }

  /** The {@code SPIFFE_ENDPOINT_SOCKET} value of this Workload API. */
  public String address() {
    return "tcp://127.0.0.1:" + server.getPort();
  }

  /** The X.509-SVIDs in the order the stream sends them: the first, then its rotation. */
  public List<X509> x509Svids() {
    return x509Svids;
  }

  /** Every JWT-SVID issued, in order. */
  public List<Jwt> jwtSvids() {
    return jwtSvids;
  }

  @Override
  public void close() {
    rotations.shutdownNow();
    server.shutdownNow();
  }

  private final class Service extends SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase {

    @Override
    public void fetchX509SVID(
        Workload.X509SVIDRequest request, StreamObserver<Workload.X509SVIDResponse> stream) {
      stream.onNext(x509Response(x509Svids.get(0)));
      rotations.schedule(() -> stream.onNext(x509Response(x509Svids.get(1))), 1, TimeUnit.SECONDS);
    }

    @Override
    public void fetchJWTSVID(
        Workload.JWTSVIDRequest request, StreamObserver<Workload.JWTSVIDResponse> response) {
      if (request.getAudienceList().contains(REFUSED_AUDIENCE)) {
        response.onError(
            Status.PERMISSION_DENIED
                .withDescription("no entry for this audience")
                .asRuntimeException());
        return;
      }
      Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Instant expires = issued.plusSeconds(300);
      String jti = FakeJwt.randomId();
      String claims =
          "{\"sub\":\""
              + SPIFFE_ID
              + "\",\"aud\":[\""
              + String.join("\",\"", request.getAudienceList())
              + "\"],\"exp\":"
              + expires.getEpochSecond()
              + ",\"iat\":"
              + issued.getEpochSecond()
              + ",\"jti\":\""
              + jti
              + "\"}";
      String token = FakeJwt.of("ES256", claims);
      jwtSvids.add(new Jwt(token, jti, issued, expires));
      response.onNext(
          Workload.JWTSVIDResponse.newBuilder()
              .addSvids(Workload.JWTSVID.newBuilder().setSpiffeId(SPIFFE_ID).setSvid(token))
              .build());
      response.onCompleted();
    }

    @Override
    public void fetchJWTBundles(
        Workload.JWTBundlesRequest request, StreamObserver<Workload.JWTBundlesResponse> stream) {
      stream.onNext(
          Workload.JWTBundlesResponse.newBuilder()
              .putBundles("example.org", ByteString.copyFromUtf8(jwks()))
              .build());
    }
  }

  private Workload.X509SVIDResponse x509Response(X509 svid) {
    try {
      return Workload.X509SVIDResponse.newBuilder()
          .addSvids(
              Workload.X509SVID
                  .newBuilder()
                  .setSpiffeId(SPIFFE_ID)
                  .setX509Svid(ByteString.copyFrom(svid.leaf().getEncoded()))
                  .setX509SvidKey(ByteString.copyFrom(svid.privateKey()))
                  .setBundle(ByteString.copyFrom(ca.getEncoded())))
          .build();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA's public key as the JWKS a trust domain's JWT bundle is. */
  private String jwks() {
    ECPublicKey key = (ECPublicKey) ca.getPublicKey();
    return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"use\":\"jwt-svid\",\"x\":\""
        + coordinate(key.getW().getAffineX())
        + "\",\"y\":\""
        + coordinate(key.getW().getAffineY())
        + "\"}]}";
  }

  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(32, bytes.length);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  /** The Workload API refuses a call without {@code workload.spiffe.io: true}, as SPIRE does. */
  private static final class RequireSecurityHeader implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (!"true".equals(headers.get(SECURITY_HEADER))) {
        call.close(
            Status.INVALID_ARGUMENT.withDescription("security header missing"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }
}
