package dev.custody.bootstrap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The workload's identity as the attributes every case root carries ({@code custody.workload.*},
 * each a String or a List of Strings): the one current identity helper classes in any application
 * class loader read. The extension publishes what it detects from local files at start-up and again
 * when they change; the X.509 SVID the application's own java-spiffe source holds wins over all of
 * it but a configured id. What a call shows the workload acts as ({@code
 * custody.workload.principal}: the session STS issued for its role) is added by the instrumentation
 * that sees the call.
 */
public final class WorkloadAttributes {

  /** {@code CustodyAttributes.WORKLOAD_*}: this package sees JDK types only. */
  static final String ID = "custody.workload.id";

  static final String SOURCE = "custody.workload.id.source";
  static final String CREDENTIAL_PREFIX = "custody.workload.credential.";
  static final String PRINCIPAL = "custody.workload.principal";

  /**
   * The attributes before and after one update, to tell a rotation of the credential that proves
   * the id.
   */
  public record Update(Map<String, Object> before, Map<String, Object> after) {}

  private static Map<String, Object> detected = Map.of();
  private static Map<String, Object> svid;
  private static String principalOf;
  private static String principal;
  private static volatile Map<String, Object> values = Map.of();

  private WorkloadAttributes() {}

  /** Publishes the identity detected from local files and the environment. */
  public static synchronized Update publish(Map<String, Object> attributes) {
    detected = Map.copyOf(attributes);
    return update();
  }

  /**
   * The X.509 SVID the application's java-spiffe source obtained or rotated to ({@code id}, {@code
   * id.source} and its {@code credential.*}): the workload's identity from now on unless one is
   * configured.
   */
  public static synchronized Update observeSvid(Map<String, Object> attributes) {
    svid = Map.copyOf(attributes);
    return update();
  }

  /**
   * Records whom the workload acts as when {@code workloadId} is its id; a credential for anyone
   * else is ignored.
   */
  public static synchronized void observePrincipal(String workloadId, String principal) {
    if (principal != null && Objects.equals(workloadId, values.get(ID))) {
      principalOf = workloadId;
      WorkloadAttributes.principal = principal;
      update();
    }
  }

  /** The current attributes by key; empty before the extension has published any. */
  public static Map<String, Object> values() {
    return values;
  }

  /** Forgets everything; for tests. */
  static synchronized void clear() {
    detected = Map.of();
    svid = null;
    principalOf = null;
    principal = null;
    values = Map.of();
  }

  private static Update update() {
    Map<String, Object> next = new HashMap<>(detected);
    if (svid != null && !"config".equals(detected.get(SOURCE))) {
      // the detected credential proves another identity
      next.keySet().removeIf(key -> key.startsWith(CREDENTIAL_PREFIX));
      next.putAll(svid);
    }
    if (principal != null && Objects.equals(principalOf, next.get(ID))) {
      next.put(PRINCIPAL, principal);
    }
    Map<String, Object> before = values;
    values = Map.copyOf(next);
    return new Update(before, values);
  }
}
