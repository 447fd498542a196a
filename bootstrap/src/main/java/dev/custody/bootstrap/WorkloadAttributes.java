package dev.custody.bootstrap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The workload's identity as the attributes every case root carries ({@code custody.workload.*}, each a String or a
 * List of Strings), published by the extension at start-up and again when the credential that proves it rotates, so
 * helper classes in any application class loader read the same, current identity. What a call shows the workload acts
 * as ({@code custody.workload.principal}: the session STS issued for its role) is added by the instrumentation that
 * sees the call.
 */
public final class WorkloadAttributes {

  /** {@code CustodyAttributes.WORKLOAD_ID} and {@code WORKLOAD_PRINCIPAL}: this package sees JDK types only. */
  static final String ID = "custody.workload.id";

  static final String PRINCIPAL = "custody.workload.principal";

  private static volatile Map<String, Object> values = Map.of();

  private WorkloadAttributes() {}

  /** Publishes the detected identity; a principal observed for the same workload id is kept. */
  public static synchronized void publish(Map<String, Object> attributes) {
    Map<String, Object> next = new HashMap<>(attributes);
    Object principal = values.get(PRINCIPAL);
    if (principal != null && Objects.equals(values.get(ID), attributes.get(ID))) {
      next.put(PRINCIPAL, principal);
    }
    values = Map.copyOf(next);
  }

  /** Records whom the workload acts as when {@code workloadId} is its id; a credential for anyone else is ignored. */
  public static synchronized void observePrincipal(String workloadId, String principal) {
    if (principal != null && Objects.equals(workloadId, values.get(ID))) {
      Map<String, Object> next = new HashMap<>(values);
      next.put(PRINCIPAL, principal);
      values = Map.copyOf(next);
    }
  }

  /** The published attributes by key; empty before the extension has published any. */
  public static Map<String, Object> values() {
    return values;
  }
}
