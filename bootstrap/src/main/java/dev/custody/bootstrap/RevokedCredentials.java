package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials revoked in this JVM, and when, so that a case ending later counts a credential it obtained as no
 * longer granting authority if it was revoked after the case obtained it. Remembered for {@link #KEPT_MILLIS}; beyond
 * {@link #MAX_REVOCATIONS} the oldest are forgotten (a case may then count one as still outstanding: the record errs on
 * the side of more authority, never less).
 */
public final class RevokedCredentials {

  static final long KEPT_MILLIS = 24 * 60 * 60 * 1000L;
  static final int MAX_REVOCATIONS = 65_536;

  private record Prefix(String prefix, long revokedAtMillis) {}

  // Oldest first; guarded by the map.
  private static final Map<String, Long> byId = new LinkedHashMap<>();
  private static final List<Prefix> prefixes = new ArrayList<>();

  private RevokedCredentials() {}

  public static void revoked(String credentialId) {
    long now = System.currentTimeMillis();
    synchronized (byId) {
      byId.remove(credentialId);
      byId.put(credentialId, now);
      forgetOld(now);
    }
  }

  /** Every credential whose id starts with {@code prefix} (a Vault lease prefix) was revoked now. */
  public static void revokedUnder(String prefix) {
    long now = System.currentTimeMillis();
    synchronized (byId) {
      prefixes.add(new Prefix(prefix, now));
      forgetOld(now);
    }
  }

  /** True when {@code credentialId} was revoked at or after {@code sinceMillis}. */
  public static boolean revokedSince(String credentialId, long sinceMillis) {
    synchronized (byId) {
      Long at = byId.get(credentialId);
      if (at != null && at >= sinceMillis) {
        return true;
      }
      for (Prefix prefix : prefixes) {
        if (prefix.revokedAtMillis() >= sinceMillis && credentialId.startsWith(prefix.prefix())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Forgets everything; for tests. */
  public static void clear() {
    synchronized (byId) {
      byId.clear();
      prefixes.clear();
    }
  }

  private static void forgetOld(long now) {
    for (Iterator<Long> it = byId.values().iterator(); it.hasNext(); ) {
      long at = it.next();
      if (byId.size() <= MAX_REVOCATIONS && at > now - KEPT_MILLIS) {
        break;
      }
      it.remove();
    }
    prefixes.removeIf(prefix -> prefix.revokedAtMillis() <= now - KEPT_MILLIS);
    while (prefixes.size() > MAX_REVOCATIONS) {
      prefixes.remove(0);
    }
  }
}
