package dev.custody.bootstrap;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The credentials this JVM obtained, shared by every class loader, as later calls need them
 * whatever case makes them: where each was obtained (so a refresh or teardown links to its fetch),
 * and which credential a value belongs to (so a call that sends the value names it). Bounded: the
 * oldest are forgotten first. A value is kept only as its keyed fingerprint ({@link
 * ValueFingerprints}): only the scrubber holds values themselves, because it must find them in
 * text. What a case obtained lives in its {@link CaseRecord}.
 */
public final class CredentialLedger {

  /** The expiry of a credential that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  /** The expiry of a credential whose expiry is not known. */
  public static final long UNKNOWN = -1;

  /** Where a credential was obtained: its case (or null) and the span of the fetch, as hex ids. */
  public record Issuance(String caseId, String traceId, String spanId) {}

  static final int MAX_VALUES = 4096;

  private static final Map<String, Issuance> issuanceByCredential =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issuance> eldest) {
          return size() > MAX_VALUES;
        }
      };

  // Read on every outbound call, written once per fetch: lock-free reads.
  private static final Map<String, String> credentialByFingerprint = new ConcurrentHashMap<>();
  private static final ConcurrentLinkedQueue<String> fingerprintsOldestFirst =
      new ConcurrentLinkedQueue<>();
  // The lengths of the linked values: most values a call sends have none of them and need no
  // fingerprint.
  private static final Set<Integer> valueLengths = ConcurrentHashMap.newKeySet();

  private CredentialLedger() {}

  /**
   * Records that {@code credentialId} was obtained by the fetch {@code issuance} (in a case or
   * not), and that each of {@code values} (secrets, tokens, access key ids) stands for it.
   */
  public static void obtained(String credentialId, Issuance issuance, Collection<String> values) {
    for (String value : values) {
      link(value, credentialId);
    }
    synchronized (issuanceByCredential) {
      issuanceByCredential.put(credentialId, issuance);
    }
  }

  /** Where {@code credentialId} was last obtained, or null. */
  public static Issuance issuance(String credentialId) {
    synchronized (issuanceByCredential) {
      return issuanceByCredential.get(credentialId);
    }
  }

  /** True once any value stands for a credential: until then outbound calls need no look-up. */
  public static boolean hasValues() {
    return !credentialByFingerprint.isEmpty();
  }

  /** The credential {@code value} belongs to, or null. */
  public static String credentialOf(String value) {
    if (value == null
        || credentialByFingerprint.isEmpty()
        || !valueLengths.contains(value.length())) {
      return null;
    }
    return credentialByFingerprint.get(ValueFingerprints.of(value));
  }

  /** Forgets everything; for tests. */
  public static void clear() {
    synchronized (issuanceByCredential) {
      issuanceByCredential.clear();
    }
    credentialByFingerprint.clear();
    fingerprintsOldestFirst.clear();
  }

  private static void link(String value, String credentialId) {
    if (value == null || value.isEmpty()) {
      return;
    }
    valueLengths.add(value.length());
    String fingerprint = ValueFingerprints.of(value);
    if (credentialByFingerprint.put(fingerprint, credentialId) == null) {
      fingerprintsOldestFirst.add(fingerprint);
      while (credentialByFingerprint.size() > MAX_VALUES) {
        String oldest = fingerprintsOldestFirst.poll();
        if (oldest == null) {
          break;
        }
        credentialByFingerprint.remove(oldest);
      }
    }
  }
}
