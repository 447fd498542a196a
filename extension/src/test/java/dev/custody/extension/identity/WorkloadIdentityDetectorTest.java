package dev.custody.extension.identity;

import static dev.custody.testing.WorkloadFixtures.kubernetesToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.extension.identity.WorkloadIdentity.KubernetesPod;
import dev.custody.extension.identity.WorkloadIdentity.Proof;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.WorkloadFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which local fact names the workload, in order of precedence, from fixture files in a temporary
 * directory.
 */
class WorkloadIdentityDetectorTest {

  static final String SPIFFE_ID = "spiffe://prod.example/ns/agents/sa/order-desk";
  static final long EXPIRY = 4_102_444_800L; // 2100-01-01T00:00:00Z
  static final String CLUSTER = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123";

  @TempDir static Path shared;
  static String svidPem;

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();
  String configuredId;
  Path svidPath;
  Path tokenPath;

  @BeforeAll
  static void makeSvid() throws Exception {
    svidPem = WorkloadFixtures.svidPem(shared, SPIFFE_ID, "2030/01/01 00:00:00", 2);
  }

  @Test
  void nothingLocalMeansUnknown() {
    WorkloadIdentity identity = detect();

    assertThat(identity).isEqualTo(new WorkloadIdentity("unknown", null, null, null, List.of()));
    assertThat(identity.attributes().asMap()).hasSize(1);
  }

  @Test
  void theServiceAccountTokenNamesTheWorkloadAndItsPod() throws IOException {
    tokenPath = write("token", orderDeskToken("https://kubernetes.default.svc", "jti-1"));

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("system:serviceaccount:agents:order-desk");
    assertThat(identity.source()).isEqualTo("kubernetes");
    assertThat(identity.proof())
        .isEqualTo(
            new Proof(
                "token",
                "system:serviceaccount:agents:order-desk",
                CLUSTER,
                "jti-1",
                null,
                Instant.ofEpochSecond(EXPIRY - 3600),
                Instant.ofEpochSecond(EXPIRY),
                true));
    assertThat(identity.pod())
        .isEqualTo(new KubernetesPod("agents", "order-desk", "order-desk-7d9f", "pod-uid-1"));
  }

  @Test
  void aLegacySecretTokenNamesItsNamespaceAndAccountButNoExpiry() throws IOException {
    tokenPath =
        write(
            "token",
            jwt(
                "{\"iss\":\"kubernetes/serviceaccount\",\"sub\":\"system:serviceaccount:ops:batch\","
                    + "\"kubernetes.io/serviceaccount/namespace\":\"ops\","
                    + "\"kubernetes.io/serviceaccount/service-account.name\":\"batch\"}"));

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("system:serviceaccount:ops:batch");
    assertThat(identity.proof().expiresAt()).isNull();
    assertThat(identity.pod()).isEqualTo(new KubernetesPod("ops", "batch", null, null));
  }

  @Test
  void anSvidFileWinsOverIrsaAndTheServiceAccountWhosePodIsKept() throws Exception {
    tokenPath = serviceAccountToken();
    irsa();
    svidPath = dir.resolve("spiffe");
    Files.createDirectories(svidPath);
    Files.writeString(svidPath.resolve("svid.pem"), svidPem);
    Files.writeString(svidPath.resolve("svid_key.pem"), "never read");

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo(SPIFFE_ID);
    assertThat(identity.source()).isEqualTo("spiffe");
    assertThat(identity.proof().kind()).isEqualTo("svid");
    assertThat(identity.proof().issuedAt()).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(identity.proof().expiresAt()).isEqualTo("2030-01-03T00:00:00Z");
    assertThat(identity.proof().serial()).isEqualTo(serialOf(svidPem));
    assertThat(identity.pod().podName()).isEqualTo("order-desk-7d9f");
  }

  @Test
  void irsaNamesTheRoleWithItsTokensExpiry() throws IOException {
    tokenPath = serviceAccountToken();
    irsa();

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("arn:aws:iam::123456789012:role/order-desk");
    assertThat(identity.source()).isEqualTo("aws");
    assertThat(identity.proof().jti()).isEqualTo("irsa-jti");
    assertThat(identity.proof().issuer()).isEqualTo(CLUSTER);
  }

  @Test
  void theConfiguredIdWinsOverEverythingAndHasNoProof() throws IOException {
    tokenPath = serviceAccountToken();
    irsa();
    svidPath = write("svid.pem", svidPem);
    configuredId = "urn:example:order-desk";

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("urn:example:order-desk");
    assertThat(identity.source()).isEqualTo("config");
    assertThat(identity.proof()).isNull();
    assertThat(identity.pod()).as("the pod is a fact of its own").isNotNull();
  }

  @Test
  void gcpServiceAccountKeyFileNamesItsAccountAndKeepsNoKey() throws IOException {
    tokenPath = serviceAccountToken();
    env.put(
        "GOOGLE_APPLICATION_CREDENTIALS",
        write(
                "sa.json",
                "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key_id\":\"k1\",\"private_key\":"
                    + "\"-----BEGIN PRIVATE KEY-----\\nfake\\n-----END PRIVATE KEY-----\\n\","
                    + "\"client_email\":\"agent@p.iam.gserviceaccount.com\"}")
            .toString());

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("agent@p.iam.gserviceaccount.com");
    assertThat(identity.source()).isEqualTo("gcp");
    assertThat(identity.attributes().toString()).doesNotContain("PRIVATE KEY", "k1");
  }

  @Test
  void gcpWorkloadIdentityFederationNamesThePrincipalOfItsSubjectToken() throws IOException {
    Path subject =
        write(
            "oidc-token",
            jwt(
                "{\"iss\":\"https://token.actions.example\",\"sub\":\"repo:acme/agents\","
                    + "\"exp\":"
                    + EXPIRY
                    + "}"));
    env.put(
        "GOOGLE_APPLICATION_CREDENTIALS",
        write(
                "wif.json",
                "{\"type\":\"external_account\",\"audience\":\"//iam.googleapis.com/projects/42/locations/global/"
                    + "workloadIdentityPools/ci/providers/gh\",\"subject_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
                    + "\"token_url\":\"https://sts.googleapis.com/v1/token\",\"credential_source\":{\"file\":\""
                    + subject
                    + "\"}}")
            .toString());

    WorkloadIdentity identity = detect();

    assertThat(identity.id())
        .isEqualTo(
            "principal://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/ci/subject/"
                + "repo:acme/agents");
    assertThat(identity.proof().expiresAt()).isEqualTo(Instant.ofEpochSecond(EXPIRY));
    assertThat(identity.proof().kubernetesIssued()).isFalse();
  }

  @Test
  void gcpImpersonationNamesTheImpersonatedAccount() throws IOException {
    env.put(
        "GOOGLE_APPLICATION_CREDENTIALS",
        write(
                "wif.json",
                "{\"type\":\"external_account\",\"audience\":\"//iam.googleapis.com/projects/42/locations/global/"
                    + "workloadIdentityPools/ci/providers/gh\",\"service_account_impersonation_url\":"
                    + "\"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
                    + "agent@p.iam.gserviceaccount.com:generateAccessToken\"}")
            .toString());

    assertThat(detect().id()).isEqualTo("agent@p.iam.gserviceaccount.com");
  }

  @Test
  void aPersonsOwnGcloudLoginIsNoWorkloadIdentity() throws IOException {
    Path gcloud = dir.resolve("home/.config/gcloud");
    Files.createDirectories(gcloud);
    Files.writeString(
        gcloud.resolve("application_default_credentials.json"),
        "{\"type\":\"authorized_user\",\"client_id\":\"c\",\"refresh_token\":\"r\"}");

    assertThat(detect().source()).isNull();
  }

  @Test
  void azureWorkloadIdentityNamesClientAtTenantWithTheFederatedTokensExpiry() throws IOException {
    env.put("AZURE_CLIENT_ID", "11111111-2222");
    env.put("AZURE_TENANT_ID", "tenant-9");
    Path federated =
        write("azure-identity-token", orderDeskToken("api://AzureADTokenExchange", "az-jti"));
    env.put("AZURE_FEDERATED_TOKEN_FILE", federated.toString());

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("11111111-2222@tenant-9");
    assertThat(identity.source()).isEqualTo("azure");
    assertThat(identity.proof().jti()).isEqualTo("az-jti");
    assertThat(identity.pod().namespace()).isEqualTo("agents");
  }

  @Test
  void whatNeedsANetworkCallIsOnlyAHint() {
    env.put("SPIFFE_ENDPOINT_SOCKET", "unix:///run/spire/agent.sock");
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
    env.put("IDENTITY_ENDPOINT", "http://localhost:42356/msi/token");

    WorkloadIdentity identity = detect();

    assertThat(identity.source()).isNull();
    assertThat(identity.hints())
        .containsExactly(
            "spiffe_workload_api", "aws_container_credentials", "azure_managed_identity");
  }

  @Test
  void eksPodIdentityFallsBackToTheServiceAccountOfItsToken() throws IOException {
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
    Path podIdentity =
        write("eks-pod-identity-token", orderDeskToken("pods.eks.amazonaws.com", "pi-jti"));
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", podIdentity.toString());

    WorkloadIdentity identity = detect();

    assertThat(identity.id()).isEqualTo("system:serviceaccount:agents:order-desk");
    assertThat(identity.source()).isEqualTo("kubernetes");
    assertThat(identity.hints()).containsExactly("aws_container_credentials");
  }

  @Test
  void filesThatAreNoIdentityAreIgnored() throws IOException {
    tokenPath = write("token", "not a token");
    svidPath =
        write(
            "svid.pem",
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    env.put("GOOGLE_APPLICATION_CREDENTIALS", write("adc.json", "{\"type\":").toString());

    assertThat(detect().source()).isNull();
  }

  @Test
  void theDetectionNamesEveryFileItLookedAt() throws IOException {
    tokenPath = serviceAccountToken();
    svidPath = dir.resolve("spiffe");

    assertThat(detector().detect().files())
        .contains(tokenPath, svidPath, svidPath.resolve("svid.pem"), svidPath.resolve("tls.crt"));
  }

  private Path serviceAccountToken() throws IOException {
    return write("token", orderDeskToken("https://kubernetes.default.svc", "sa-jti"));
  }

  private void irsa() throws IOException {
    env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/order-desk");
    Path webIdentity = write("irsa-token", orderDeskToken("sts.amazonaws.com", "irsa-jti"));
    env.put("AWS_WEB_IDENTITY_TOKEN_FILE", webIdentity.toString());
  }

  /** A token the cluster issued to the order desk's pod, for this audience. */
  private static String orderDeskToken(String audience, String jti) {
    return kubernetesToken(
        CLUSTER, audience, "agents", "order-desk", "order-desk-7d9f", "pod-uid-1", jti, EXPIRY);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private WorkloadIdentity detect() {
    return detector().detect().identity();
  }

  private WorkloadIdentityDetector detector() {
    return new WorkloadIdentityDetector(
        configuredId,
        svidPath,
        tokenPath == null ? dir.resolve("no-token") : tokenPath,
        env,
        dir.resolve("home"));
  }

  /** The serial number of the PEM's certificate, in hex, read the JDK's way. */
  private static String serialOf(String pem) throws Exception {
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    return certificate.getSerialNumber().toString(16);
  }

  /** A JWT with these claims, as an identity provider signs one (nothing here verifies it). */
  private static String jwt(String claims) {
    return FakeJwt.of("RS256", claims);
  }
}
