package dev.custody.extension.identity;

import dev.custody.bootstrap.WorkloadAttributes;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.WorkloadRotations;
import dev.custody.extension.identity.WorkloadIdentity.Proof;
import dev.custody.extension.identity.WorkloadIdentityDetector.Detection;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The workload identity: detected once at start-up from local files and the environment (no network
 * call), put on the resource and published for every case root; then, on one daemon thread, the
 * files it was read from are checked every {@code custody.workload.refresh_s} seconds. When they
 * change (the kubelet rotated the token, spiffe-helper wrote a new SVID) the identity is detected
 * again and republished, and a rotation of the credential that proves it is a span of its own:
 * {@code refresh spiffe}, {@code refresh kubernetes} (or {@code refresh oidc}).
 */
public final class WorkloadIdentityService {

  static final String INSTRUMENTATION_NAME = "dev.custody.workload-identity";

  private static final Logger logger = Logger.getLogger(WorkloadIdentityService.class.getName());

  private final WorkloadIdentityDetector detector;
  private WorkloadIdentity current;
  private Set<Path> files;
  private Map<Path, Object> stamps;
  private CredentialSpans rotations;

  WorkloadIdentityService(WorkloadIdentityDetector detector) {
    this.detector = detector;
    Detection detection = detector.detect();
    files = detection.files();
    stamps = stamps(files);
    current = detection.identity();
    publish(current);
    logger.info("Custody: workload identity " + describe(current) + ".");
  }

  /** Detects the identity as configured, publishes it, and starts watching for rotations. */
  public static WorkloadIdentityService start(CustodyConfig config) {
    ConfiguredIdentityFiles.problems(config).forEach(logger::warning);
    WorkloadIdentityService service =
        new WorkloadIdentityService(
            new WorkloadIdentityDetector(
                config.workloadId(),
                IdentityFiles.path(config.svidPath()),
                IdentityFiles.path(config.kubernetesTokenPath()),
                System.getenv(),
                Path.of(System.getProperty("user.home", "/"))));
    if (config.workloadRefreshSeconds() > 0) {
      ScheduledExecutorService watcher =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "custody-workload-identity");
                thread.setDaemon(true);
                return thread;
              });
      watcher.scheduleWithFixedDelay(
          service::checkQuietly,
          config.workloadRefreshSeconds(),
          config.workloadRefreshSeconds(),
          TimeUnit.SECONDS);
    }
    return service;
  }

  /** The resource with the workload's identity added, as detected at start-up. */
  public Resource describe(Resource resource) {
    return resource.merge(Resource.create(current.attributes()));
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException | Error unexpected) {
      // A failed check must not end the schedule: the next one tries again.
      logger.log(Level.FINE, "Custody: checking the workload identity failed", unexpected);
    }
  }

  /**
   * Detects again when a file the identity was read from changed; publishes and records a rotation.
   */
  void check() {
    if (!GlobalOpenTelemetry.isSet()) {
      return; // too early to record a rotation: check again next time
    }
    Map<Path, Object> seen = stamps(files);
    if (seen.equals(stamps)) {
      return;
    }
    Detection detection = detector.detect();
    stamps = detection.files().equals(files) ? seen : stamps(detection.files());
    files = detection.files();
    WorkloadIdentity identity = detection.identity();
    if (identity.equals(current)) {
      return;
    }
    current = identity;
    WorkloadAttributes.Update update = publish(identity);
    logger.info("Custody: workload identity now " + describe(identity) + ".");
    if (identity.proof() != null) {
      recordRotation(identity, update);
    }
  }

  /**
   * A {@code refresh} span of its own trace: the new credential's facts and the identity it now
   * proves, and the rotation event when the workload's current identity is proven by it.
   */
  private void recordRotation(WorkloadIdentity identity, WorkloadAttributes.Update update) {
    Proof proof = identity.proof();
    String provider =
        proof.kind().equals("svid") ? "spiffe" : proof.kubernetesIssued() ? "kubernetes" : "oidc";
    CredentialOperation operation = CredentialOperation.refresh(provider, proof.subject());
    if (rotations == null) {
      rotations = new CredentialSpans(INSTRUMENTATION_NAME);
    }
    Context context = rotations.start(Context.root(), operation);
    if (context == null) {
      return;
    }
    Span.fromContext(context).setAllAttributes(identity.attributes());
    WorkloadRotations.recordOn(Span.fromContext(context), update);
    CredentialFacts facts =
        CredentialFacts.builder(provider, proof.kind(), proof.subject())
            .principal(identity.id().equals(proof.subject()) ? null : identity.id())
            .issuedAt(proof.issuedAt())
            .expiresAt(proof.expiresAt())
            .build();
    rotations.end(context, operation, CredentialSpans.Obtained.of(facts, List.of()), null);
  }

  private static WorkloadAttributes.Update publish(WorkloadIdentity identity) {
    Map<String, Object> values = new HashMap<>();
    Attributes attributes = identity.attributes();
    attributes.forEach((key, value) -> values.put(key.getKey(), value));
    return WorkloadAttributes.publish(values);
  }

  /** What tells a file's version from the next: gone, or its identity on disk, time and size. */
  private static Map<Path, Object> stamps(Set<Path> files) {
    Map<Path, Object> stamps = new HashMap<>();
    for (Path file : files) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        stamps.put(
            file,
            List.of(
                Objects.toString(attributes.fileKey()),
                attributes.lastModifiedTime(),
                attributes.size()));
      } catch (IOException | SecurityException absent) {
        stamps.put(file, "absent");
      }
    }
    return stamps;
  }

  private static String describe(WorkloadIdentity identity) {
    return identity.source() == null
        ? "unknown (nothing configured or found locally)"
        : identity.id() + " (" + identity.source() + ")";
  }
}
