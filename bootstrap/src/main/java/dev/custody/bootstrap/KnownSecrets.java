package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Every secret value this JVM knows (what credential fetches returned, and the static values the
 * configuration names), so the scrubber can remove it, in any {@linkplain SecretForms form}, from
 * any text. A value is remembered until its credential expires or is revoked, plus {@link
 * #GRACE_MILLIS} (a value without an expiry, for the life of the process); never forgotten for
 * their number, only when their forms outgrow {@link #maxBytes()}, the oldest first, with a log
 * line. Values live only in memory and are never exported.
 */
public final class KnownSecrets {

  /** Shorter values cannot be removed from text without mangling ordinary words. */
  public static final int MIN_LENGTH = SecretIndex.WINDOW;

  /** A value that stays remembered for the life of the process. */
  public static final long NEVER = Long.MAX_VALUE;

  /**
   * How long an expired or revoked credential's values are still looked for: copies of it linger in
   * text.
   */
  public static final long GRACE_MILLIS = 15 * 60 * 1000L;

  static final int MAX_VALUE_LENGTH = 64 * 1024;
  static final long DEFAULT_MAX_BYTES = 32L << 20;

  private static final Logger logger = Logger.getLogger(KnownSecrets.class.getName());

  /**
   * A remembered value: its forms, until when it is looked for, and the credential it belongs to
   * (or null).
   */
  private static final class Entry {
    final List<SecretForms.Form> forms;
    final long bytes;
    long forgetAtMillis;
    String credentialId;

    Entry(String value, long forgetAtMillis, String credentialId) {
      this.forms = SecretForms.of(value);
      long size = 2L * value.length() + 96;
      for (SecretForms.Form form : forms) {
        size += 2L * form.text().length() + 64;
      }
      this.bytes = size;
      this.forgetAtMillis = forgetAtMillis;
      this.credentialId = credentialId;
    }
  }

  // Oldest first; guarded by itself.
  private static final Map<String, Entry> entries = new LinkedHashMap<>();
  private static long totalBytes;
  private static long maxBytes = DEFAULT_MAX_BYTES;
  private static long nextForgetAtMillis = NEVER;
  private static volatile SecretIndex index = SecretIndex.EMPTY;
  // Set when the values changed; the index is rebuilt when next read, once for a burst of fetches.
  private static volatile boolean stale;

  private KnownSecrets() {}

  /**
   * Remembers a value for the life of the process (a static secret, or one whose expiry is
   * unknown).
   */
  public static void remember(String value) {
    remember(value, NEVER, null);
  }

  /**
   * Remembers a value of {@code credentialId} (null if none) that grants authority until {@code
   * expiresAtMillis} ({@link #NEVER}, or a negative value when unknown). Remembering a known value
   * again keeps its later expiry.
   */
  public static void remember(String value, long expiresAtMillis, String credentialId) {
    if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_VALUE_LENGTH) {
      return;
    }
    long forgetAt = forgetAt(expiresAtMillis < 0 ? NEVER : expiresAtMillis);
    synchronized (entries) {
      boolean changed = forgetExpired(System.currentTimeMillis());
      Entry entry = entries.get(value);
      if (entry != null) {
        entry.forgetAtMillis = Math.max(entry.forgetAtMillis, forgetAt);
        if (credentialId != null) {
          entry.credentialId = credentialId;
        }
      } else {
        entry = new Entry(value, forgetAt, credentialId);
        entries.put(value, entry);
        totalBytes += entry.bytes;
        changed = true;
        forgetOldestBeyondBound();
      }
      nextForgetAtMillis = Math.min(nextForgetAtMillis, entry.forgetAtMillis);
      stale |= changed;
    }
  }

  /**
   * Records that {@code credentialId} was revoked: its values are looked for only for the grace
   * period more.
   */
  public static void revoked(String credentialId) {
    revokedWhere(credentialId::equals);
  }

  /**
   * Records that every credential whose id starts with {@code prefix} was revoked (a lease prefix).
   */
  public static void revokedUnder(String prefix) {
    revokedWhere(id -> id.startsWith(prefix));
  }

  /** The index of every remembered value, to scan text with. */
  public static SecretIndex index() {
    if (stale) {
      synchronized (entries) {
        if (stale) {
          List<SecretForms.Form> forms = new ArrayList<>();
          for (Entry entry : entries.values()) {
            forms.addAll(entry.forms);
          }
          index = new SecretIndex(forms);
          stale = false;
        }
      }
    }
    return index;
  }

  /** Sets the bound on the memory the remembered values take, in bytes (at least 1 MiB). */
  public static void maxBytes(long bytes) {
    synchronized (entries) {
      maxBytes = Math.max(1L << 20, bytes);
      stale |= forgetOldestBeyondBound();
    }
  }

  static long maxBytes() {
    synchronized (entries) {
      return maxBytes;
    }
  }

  /** Forgets everything; for tests. */
  public static void clear() {
    synchronized (entries) {
      entries.clear();
      totalBytes = 0;
      maxBytes = DEFAULT_MAX_BYTES;
      nextForgetAtMillis = NEVER;
      index = SecretIndex.EMPTY;
      stale = false;
    }
  }

  /** The number of remembered values; for tests. */
  static int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private static void revokedWhere(java.util.function.Predicate<String> credential) {
    long forgetAt = forgetAt(System.currentTimeMillis());
    synchronized (entries) {
      for (Entry entry : entries.values()) {
        if (entry.credentialId != null && credential.test(entry.credentialId)) {
          entry.forgetAtMillis = Math.min(entry.forgetAtMillis, forgetAt);
          nextForgetAtMillis = Math.min(nextForgetAtMillis, entry.forgetAtMillis);
        }
      }
    }
  }

  private static long forgetAt(long expiresAtMillis) {
    return expiresAtMillis >= NEVER - GRACE_MILLIS ? NEVER : expiresAtMillis + GRACE_MILLIS;
  }

  private static boolean forgetExpired(long nowMillis) {
    if (nowMillis < nextForgetAtMillis) {
      return false;
    }
    boolean forgot = false;
    long next = NEVER;
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.forgetAtMillis <= nowMillis) {
        it.remove();
        totalBytes -= entry.bytes;
        forgot = true;
      } else {
        next = Math.min(next, entry.forgetAtMillis);
      }
    }
    nextForgetAtMillis = next;
    return forgot;
  }

  private static boolean forgetOldestBeyondBound() {
    int forgotten = 0;
    for (Iterator<Entry> it = entries.values().iterator();
        totalBytes > maxBytes && it.hasNext(); ) {
      totalBytes -= it.next().bytes;
      it.remove();
      forgotten++;
    }
    if (forgotten > 0) {
      logger.warning(
          "Custody: the remembered secret values outgrew custody.scrub.secrets.max_mb ("
              + (maxBytes >> 20)
              + " MiB): forgot the "
              + forgotten
              + " remembered first; copies of them are now found by shape only."
              + " Raise the setting if the process holds this many live credentials.");
    }
    return forgotten > 0;
  }
}
