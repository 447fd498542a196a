package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The credentials this JVM obtained, shared by every class loader, as later calls need them
 * whatever case makes them: where each was obtained (so a refresh or teardown links to its fetches
 * and names the cases that made them), and which credential a value belongs to (so a call that
 * sends the value names it). Bounded: the oldest are forgotten first. A value is kept only as its
 * keyed fingerprint ({@link ValueFingerprints}): only the scrubber holds values themselves, because
 * it must find them in text. What a case obtained lives in its {@link CaseRecord}.
 */
public final class CredentialLedger {

  /** The expiry of a credential that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  /** The expiry of a credential whose expiry is not known. */
  public static final long UNKNOWN = -1;

  /** Where a credential was obtained: its case (or null) and the span of the fetch, as hex ids. */
  public record Issuance(String caseId, String traceId, String spanId) {}

  static final int MAX_VALUES = 4096;

  /** The fetches kept per credential: one per case (the latest), then the oldest are forgotten. */
  static final int MAX_ISSUANCES = 16;

  private static final Map<String, List<Issuance>> issuancesByCredential =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Issuance>> eldest) {
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
    synchronized (issuancesByCredential) {
      List<Issuance> issuances =
          issuancesByCredential.computeIfAbsent(credentialId, id -> new ArrayList<>(1));
      issuances.removeIf(earlier -> Objects.equals(earlier.caseId(), issuance.caseId()));
      if (issuances.size() >= MAX_ISSUANCES) {
        issuances.remove(0);
      }
      issuances.add(issuance);
    }
  }

  /** Where {@code credentialId} was obtained, oldest first: the latest fetch of each case. */
  public static List<Issuance> issuances(String credentialId) {
    synchronized (issuancesByCredential) {
      List<Issuance> issuances = issuancesByCredential.get(credentialId);
      return issuances == null ? List.of() : List.copyOf(issuances);
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
    synchronized (issuancesByCredential) {
      issuancesByCredential.clear();
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
