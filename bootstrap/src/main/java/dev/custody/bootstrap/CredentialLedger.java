package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The credentials this JVM obtained, shared by every class loader: which case obtained each and until when, which were
 * revoked, and which credential a value belongs to, so a later call that sends the value can be traced back to the
 * fetch. Bounded: the oldest cases and values are forgotten first. A value is kept only as its keyed fingerprint
 * ({@link ValueFingerprints}): only the scrubber holds values themselves, because it must find them in text.
 */
public final class CredentialLedger {

  /** The expiry of a credential that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  /** The expiry of a credential whose expiry is not known. */
  public static final long UNKNOWN = -1;

  /** A credential a case obtained; {@code expiresAtMillis} is an epoch time, {@link #NEVER} or {@link #UNKNOWN}. */
  public record Obtained(String credentialId, long expiresAtMillis) {}

  /** Where a credential was obtained: its case (or null) and the span of the fetch, as hex ids. */
  public record Issuance(String caseId, String traceId, String spanId) {}

  static final int MAX_CASES = 1024;
  static final int MAX_CREDENTIALS_PER_CASE = 256;
  static final int MAX_VALUES = 4096;

  private static final Map<String, Map<String, Obtained>> obtainedByCase =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Obtained>> eldest) {
          return size() > MAX_CASES;
        }
      };

  private static final Map<String, Issuance> issuanceByCredential =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issuance> eldest) {
          return size() > MAX_VALUES;
        }
      };

  // Read on every outbound call, written once per fetch: lock-free reads.
  private static final Map<String, String> credentialByFingerprint = new ConcurrentHashMap<>();
  private static final ConcurrentLinkedQueue<String> fingerprintsOldestFirst = new ConcurrentLinkedQueue<>();
  // The lengths of the linked values: most values a call sends have none of them and need no fingerprint.
  private static final Set<Integer> valueLengths = ConcurrentHashMap.newKeySet();

  private CredentialLedger() {}

  /**
   * Records that {@code credentialId} was obtained by the fetch {@code issuance} (in a case or not), valid until
   * {@code expiresAtMillis}, and that each of {@code values} (secrets, tokens, access key ids) stands for it.
   */
  public static void obtained(
      String credentialId, Issuance issuance, long expiresAtMillis, Collection<String> values) {
    for (String value : values) {
      link(value, credentialId);
    }
    String caseId = issuance.caseId();
    synchronized (obtainedByCase) {
      issuanceByCredential.put(credentialId, issuance);
      if (caseId == null) {
        return;
      }
      Map<String, Obtained> credentials = obtainedByCase.computeIfAbsent(caseId, id -> new LinkedHashMap<>());
      if (credentials.size() < MAX_CREDENTIALS_PER_CASE || credentials.containsKey(credentialId)) {
        credentials.put(credentialId, new Obtained(credentialId, expiresAtMillis));
      }
    }
  }

  /** Records that {@code credentialId}'s authority ended before its expiry: it no longer counts for any case. */
  public static void revoked(String credentialId) {
    synchronized (obtainedByCase) {
      for (Map<String, Obtained> credentials : obtainedByCase.values()) {
        credentials.remove(credentialId);
      }
    }
  }

  /**
   * Records that every credential whose id starts with {@code prefix} was revoked at once (Vault's revoke-prefix of
   * lease ids): none counts for any case any more.
   */
  public static void revokedUnder(String prefix) {
    synchronized (obtainedByCase) {
      for (Map<String, Obtained> credentials : obtainedByCase.values()) {
        credentials.keySet().removeIf(credentialId -> credentialId.startsWith(prefix));
      }
    }
  }

  /** Where {@code credentialId} was last obtained, or null. */
  public static Issuance issuance(String credentialId) {
    synchronized (obtainedByCase) {
      return issuanceByCredential.get(credentialId);
    }
  }

  /** True once any value stands for a credential: until then outbound calls need no look-up. */
  public static boolean hasValues() {
    return !credentialByFingerprint.isEmpty();
  }

  /** The credential {@code value} belongs to, or null. */
  public static String credentialOf(String value) {
    if (value == null || credentialByFingerprint.isEmpty() || !valueLengths.contains(value.length())) {
      return null;
    }
    return credentialByFingerprint.get(ValueFingerprints.of(value));
  }

  /** The credentials {@code caseId} obtained that were not revoked and had not expired at {@code nowMillis}. */
  public static List<Obtained> outstanding(String caseId, long nowMillis) {
    List<Obtained> outstanding = new ArrayList<>();
    synchronized (obtainedByCase) {
      Map<String, Obtained> credentials = obtainedByCase.get(caseId);
      if (credentials != null) {
        for (Obtained credential : credentials.values()) {
          if (credential.expiresAtMillis() == UNKNOWN || credential.expiresAtMillis() > nowMillis) {
            outstanding.add(credential);
          }
        }
      }
    }
    return outstanding;
  }

  /** Forgets everything; for tests. */
  public static void clear() {
    synchronized (obtainedByCase) {
      obtainedByCase.clear();
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
