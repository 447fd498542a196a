package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.UNKNOWN_WORKLOAD;

import dev.custody.core.json.JsonObject;
import dev.custody.extension.identity.IdentityFiles.Svid;
import dev.custody.extension.identity.IdentityFiles.Token;
import dev.custody.extension.identity.WorkloadIdentity.KubernetesPod;
import dev.custody.extension.identity.WorkloadIdentity.Proof;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the workload's identity from local files and the environment only, never the network. First
 * found wins: the configured id; an X.509 SVID file (SPIFFE); AWS IRSA (the role ARN); a GCP
 * credentials file (the service account, or the workload identity federation principal); Azure
 * workload identity or service principal (client@tenant); the Kubernetes service-account token (its
 * subject). Whichever wins, a Kubernetes token's pod is kept beside it.
 */
final class WorkloadIdentityDetector {

  private final String configuredId;
  private final Path svidPath;
  private final Path kubernetesTokenPath;
  private final Map<String, String> env;
  private final Path home;

  /**
   * @param svidPath the configured SVID file or directory, or null
   * @param home the user's home directory, where gcloud keeps application default credentials
   */
  WorkloadIdentityDetector(
      String configuredId,
      Path svidPath,
      Path kubernetesTokenPath,
      Map<String, String> env,
      Path home) {
    this.configuredId = configuredId;
    this.svidPath = svidPath;
    this.kubernetesTokenPath = kubernetesTokenPath;
    this.env = env;
    this.home = home;
  }

  /** The identity found, and every file looked at, which a change to may change it. */
  record Detection(WorkloadIdentity identity, Set<Path> files) {}

  private record Candidate(String id, String source, Proof proof) {}

  Detection detect() {
    Reads reads = new Reads();
    Token serviceAccount = reads.token(kubernetesTokenPath);
    Token irsa = reads.token(envPath("AWS_WEB_IDENTITY_TOKEN_FILE"));
    Token azureFederated = reads.token(envPath("AZURE_FEDERATED_TOKEN_FILE"));
    Token podIdentity = reads.token(envPath("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    JsonObject gcpCredentials = gcpCredentials(reads);
    Token gcpSubject = reads.token(gcpSubjectTokenPath(gcpCredentials));

    Candidate winner =
        first(
            configuredId == null ? null : new Candidate(configuredId, "config", null),
            spiffe(reads.svid(svidPath)),
            aws(irsa),
            gcp(gcpCredentials, gcpSubject),
            azure(azureFederated),
            kubernetes(serviceAccount != null ? serviceAccount : podIdentity));
    KubernetesPod pod = firstPod(serviceAccount, irsa, azureFederated, podIdentity, gcpSubject);
    WorkloadIdentity identity =
        winner == null
            ? new WorkloadIdentity(UNKNOWN_WORKLOAD, null, null, pod, hints())
            : new WorkloadIdentity(winner.id(), winner.source(), winner.proof(), pod, hints());
    return new Detection(identity, reads.files);
  }

  private static Candidate spiffe(Svid svid) {
    return svid == null ? null : new Candidate(svid.spiffeId(), "spiffe", svid.proof());
  }

  /**
   * IRSA: the role the web identity token is exchanged for; the role actually assumed shows on the
   * STS call.
   */
  private Candidate aws(Token webIdentity) {
    String role = env.get("AWS_ROLE_ARN");
    if (role == null || env.get("AWS_WEB_IDENTITY_TOKEN_FILE") == null) {
      return null;
    }
    return new Candidate(role, "aws", webIdentity == null ? null : webIdentity.proof());
  }

  private Candidate azure(Token federated) {
    String client = env.get("AZURE_CLIENT_ID");
    boolean credentialNamed =
        federated != null
            || env.containsKey("AZURE_CLIENT_SECRET")
            || env.containsKey("AZURE_CLIENT_CERTIFICATE_PATH")
            || azureManagedIdentity();
    if (client == null || !credentialNamed) {
      return null;
    }
    String tenant = env.get("AZURE_TENANT_ID");
    return new Candidate(
        tenant == null ? client : client + "@" + tenant,
        "azure",
        federated == null ? null : federated.proof());
  }

  private static Candidate kubernetes(Token token) {
    return token == null || !token.proof().kubernetesIssued()
        ? null
        : new Candidate(token.proof().subject(), "kubernetes", token.proof());
  }

  // --- GCP: application default credentials ---

  private JsonObject gcpCredentials(Reads reads) {
    Path file = envPath("GOOGLE_APPLICATION_CREDENTIALS");
    if (file == null) {
      Path config = envPath("CLOUDSDK_CONFIG");
      if (config == null && home != null) {
        config = home.resolve(".config").resolve("gcloud");
      }
      file = config == null ? null : config.resolve("application_default_credentials.json");
    }
    String json = reads.text(file);
    // A service-account key file holds a private key: only named members are read from it, none is
    // kept.
    return json == null ? null : JsonObject.parse(json);
  }

  private static Path gcpSubjectTokenPath(JsonObject credentials) {
    String file =
        credentials == null ? null : credentials.object("credential_source").string("file");
    return file == null ? null : Path.of(file);
  }

  private static Candidate gcp(JsonObject credentials, Token subjectToken) {
    if (credentials == null || credentials.string("type") == null) {
      return null;
    }
    String impersonated =
        impersonatedAccount(credentials.string("service_account_impersonation_url"));
    return switch (credentials.string("type")) {
      case "service_account" ->
          credentials.string("client_email") == null
              ? null
              : new Candidate(credentials.string("client_email"), "gcp", null);
      case "impersonated_service_account" ->
          impersonated == null ? null : new Candidate(impersonated, "gcp", null);
      case "external_account" -> {
        Proof proof = subjectToken == null ? null : subjectToken.proof();
        String id =
            impersonated != null
                ? impersonated
                : federatedPrincipal(credentials.string("audience"), proof);
        yield id == null ? null : new Candidate(id, "gcp", proof);
      }
      default -> null; // authorized_user: a person's own login, not the workload's
    };
  }

  /** The e-mail in {@code .../serviceAccounts/<email>:generateAccessToken}. */
  private static String impersonatedAccount(String url) {
    if (url == null || !url.contains("/serviceAccounts/")) {
      return null;
    }
    String account = url.substring(url.indexOf("/serviceAccounts/") + "/serviceAccounts/".length());
    int colon = account.indexOf(':');
    return colon < 0 ? account : account.substring(0, colon);
  }

  /**
   * {@code
   * principal://iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/subject/S}.
   */
  private static String federatedPrincipal(String audience, Proof subjectToken) {
    String prefix = "//iam.googleapis.com/";
    if (audience == null
        || subjectToken == null
        || !audience.startsWith(prefix)
        || !audience.contains("/providers/")) {
      return null;
    }
    String pool = audience.substring(prefix.length(), audience.indexOf("/providers/"));
    return "principal:" + prefix + pool + "/subject/" + subjectToken.subject();
  }

  // --- What the environment shows but cannot be read without a network call ---

  private List<String> hints() {
    List<String> hints = new ArrayList<>();
    if (env.containsKey("SPIFFE_ENDPOINT_SOCKET")) {
      hints.add("spiffe_workload_api");
    }
    if (env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
      hints.add("aws_container_credentials");
    }
    if (env.containsKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      hints.add("ecs_task_role");
    }
    if (azureManagedIdentity() && env.get("AZURE_CLIENT_ID") == null) {
      hints.add("azure_managed_identity");
    }
    return List.copyOf(hints);
  }

  private boolean azureManagedIdentity() {
    return env.containsKey("IDENTITY_ENDPOINT") || env.containsKey("MSI_ENDPOINT");
  }

  private Path envPath(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : IdentityFiles.path(value.trim());
  }

  private static Candidate first(Candidate... candidates) {
    for (Candidate candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  private static KubernetesPod firstPod(Token... tokens) {
    for (Token token : tokens) {
      if (token != null && token.pod() != null) {
        return token.pod();
      }
    }
    return null;
  }

  /** The files one detection reads, remembered so a change to any of them can be noticed. */
  private static final class Reads {
    final Set<Path> files = new LinkedHashSet<>();

    Token token(Path path) {
      remember(path);
      return path == null ? null : IdentityFiles.token(path);
    }

    Svid svid(Path path) {
      if (path != null) {
        remember(path);
        IdentityFiles.SVID_FILE_NAMES.forEach(name -> files.add(path.resolve(name)));
      }
      return IdentityFiles.svid(path);
    }

    String text(Path path) {
      remember(path);
      return IdentityFiles.read(path);
    }

    private void remember(Path path) {
      if (path != null) {
        files.add(path);
      }
    }
  }
}
