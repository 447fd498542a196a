package dev.custody.core.credentials;

import dev.custody.bootstrap.WorkloadAttributes;
import io.opentelemetry.api.trace.Span;
import java.util.Map;

/**
 * What the application's own credential libraries tell about the workload's identity: the SVID its
 * SPIFFE source holds, the principal an STS session acts as. Published to every case root from then
 * on.
 */
public final class WorkloadIdentities {

  private WorkloadIdentities() {}

  /**
   * The SVID a SPIFFE source obtained ({@code custody.workload.*} attributes): the identity from
   * now on.
   */
  public static void svidObtained(Map<String, Object> identity) {
    WorkloadAttributes.observeSvid(identity);
  }

  /**
   * As {@link #svidObtained}, for an SVID that replaced another: the rotation is an event on {@code
   * refresh}.
   */
  public static void svidRotated(Span refresh, Map<String, Object> identity) {
    WorkloadRotations.recordOn(refresh, WorkloadAttributes.observeSvid(identity));
  }

  /**
   * Whom the workload acts as when {@code workloadId} is its id (the role session of its own
   * credentials).
   */
  public static void principalObserved(String workloadId, String principal) {
    WorkloadAttributes.observePrincipal(workloadId, principal);
  }
}
