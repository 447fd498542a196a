package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_ISSUER;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_JTI;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_SERIAL;
import static dev.custody.core.CustodyAttributes.WORKLOAD_HINTS;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID_SOURCE;
import static dev.custody.core.CustodyAttributes.WORKLOAD_KUBERNETES_NAMESPACE;
import static dev.custody.core.CustodyAttributes.WORKLOAD_KUBERNETES_POD_NAME;
import static dev.custody.core.CustodyAttributes.WORKLOAD_KUBERNETES_POD_UID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_KUBERNETES_SERVICE_ACCOUNT;

import dev.custody.core.credentials.CredentialAttributes;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.time.Instant;
import java.util.List;

/**
 * Who this workload is ({@code id}, found by {@code source}), the credential that proves it when
 * there is one, the pod a Kubernetes token was issued to, and the signs of identities Custody saw
 * but cannot read locally.
 *
 * @param source {@code config}, {@code spiffe}, {@code aws}, {@code gcp}, {@code azure}, {@code
 *     kubernetes}, or null when nothing identifies the workload (then the id is {@code unknown})
 * @param hints e.g. {@code spiffe_workload_api}: a Workload API socket is named, but reading it
 *     needs a call
 */
record WorkloadIdentity(
    String id, String source, Proof proof, KubernetesPod pod, List<String> hints) {

  /**
   * The credential that proves the identity: an X.509 SVID or a token (a JWT).
   *
   * @param kind {@code svid} or {@code token}
   * @param subject the SPIFFE ID of an SVID, the {@code sub} of a token
   * @param issuer the {@code iss} of a token
   * @param jti the {@code jti} of a token
   * @param serial the leaf certificate's serial number (hex) of an SVID
   * @param kubernetesIssued true for a Kubernetes service-account token
   */
  record Proof(
      String kind,
      String subject,
      String issuer,
      String jti,
      String serial,
      Instant issuedAt,
      Instant expiresAt,
      boolean kubernetesIssued) {}

  /**
   * What a Kubernetes service-account token says about the pod it was issued to; unknown parts are
   * null.
   */
  record KubernetesPod(String namespace, String serviceAccount, String podName, String podUid) {}

  /**
   * Who the workload is, the pod, the hints, and the credential that proves the identity: on the
   * resource as detected at start-up, on a case root as published when it starts (after a rotation,
   * the new credential).
   */
  Attributes attributes() {
    // The builder skips null values: unknown parts are left out.
    AttributesBuilder attributes =
        Attributes.builder().put(WORKLOAD_ID, id).put(WORKLOAD_ID_SOURCE, source);
    if (proof != null) {
      attributes
          .put(WORKLOAD_CREDENTIAL_EXPIRES_AT, CredentialAttributes.rfc3339(proof.expiresAt()))
          .put(WORKLOAD_CREDENTIAL_JTI, proof.jti())
          .put(WORKLOAD_CREDENTIAL_SERIAL, proof.serial())
          .put(WORKLOAD_CREDENTIAL_ISSUER, proof.issuer());
    }
    if (pod != null) {
      attributes
          .put(WORKLOAD_KUBERNETES_NAMESPACE, pod.namespace())
          .put(WORKLOAD_KUBERNETES_SERVICE_ACCOUNT, pod.serviceAccount())
          .put(WORKLOAD_KUBERNETES_POD_NAME, pod.podName())
          .put(WORKLOAD_KUBERNETES_POD_UID, pod.podUid());
    }
    if (!hints.isEmpty()) {
      attributes.put(WORKLOAD_HINTS, hints);
    }
    return attributes.build();
  }
}
