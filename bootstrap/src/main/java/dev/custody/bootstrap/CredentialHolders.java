package dev.custody.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which running cases hold each credential, so that a revocation, wherever it happens (another
 * case, a scheduler thread), ends the credential for every case that obtained it. A revoked
 * credential is forgotten, a case is let go when it ends, and a case abandoned without an end is
 * let go once the garbage collector has taken it. Holds nothing of a case that is over.
 */
public final class CredentialHolders {

  // Guarded by itself.
  private static final Map<String, List<Holder>> byCredential = new HashMap<>();
  private static final ReferenceQueue<CaseRecord> abandoned = new ReferenceQueue<>();

  private CredentialHolders() {}

  /** A running case holding one credential; enqueued when the case was collected without ending. */
  private static final class Holder extends WeakReference<CaseRecord> {
    final String credentialId;

    Holder(String credentialId, CaseRecord record) {
      super(record, abandoned);
      this.credentialId = credentialId;
    }
  }

  static void hold(String credentialId, CaseRecord record) {
    synchronized (byCredential) {
      forgetAbandoned();
      List<Holder> holders = byCredential.computeIfAbsent(credentialId, id -> new ArrayList<>(1));
      remove(holders, record);
      holders.add(new Holder(credentialId, record));
    }
  }

  static void release(CaseRecord record, Collection<String> credentialIds) {
    synchronized (byCredential) {
      for (String credentialId : credentialIds) {
        List<Holder> holders = byCredential.get(credentialId);
        if (holders != null && remove(holders, record)) {
          byCredential.remove(credentialId);
        }
      }
    }
  }

  /** {@code credentialId} was revoked: it no longer grants authority to any case that holds it. */
  public static void revoked(String credentialId) {
    ended(credentialId, true);
  }

  /**
   * {@code credentialId} was given up to run out (no longer renewed, replaced): as a revocation,
   * but the cases that hold it say their authority expired.
   */
  public static void givenUp(String credentialId) {
    ended(credentialId, false);
  }

  private static void ended(String credentialId, boolean revoked) {
    List<Holder> holders;
    synchronized (byCredential) {
      holders = byCredential.remove(credentialId);
    }
    if (holders != null) {
      holders.forEach(holder -> end(holder, revoked));
    }
  }

  /** Every credential whose id starts with {@code prefix} (a Vault lease prefix) was revoked. */
  public static void revokedUnder(String prefix) {
    List<Holder> revoked = new ArrayList<>();
    synchronized (byCredential) {
      for (Iterator<Map.Entry<String, List<Holder>>> it = byCredential.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, List<Holder>> entry = it.next();
        if (entry.getKey().startsWith(prefix)) {
          revoked.addAll(entry.getValue());
          it.remove();
        }
      }
    }
    revoked.forEach(holder -> end(holder, true));
  }

  /** The number of credentials held by running cases; for tests and soak runs. */
  public static int size() {
    synchronized (byCredential) {
      forgetAbandoned();
      return byCredential.size();
    }
  }

  /** True while a running case holds {@code credentialId}. */
  static boolean held(String credentialId) {
    synchronized (byCredential) {
      forgetAbandoned();
      return byCredential.containsKey(credentialId);
    }
  }

  private static void end(Holder holder, boolean revoked) {
    CaseRecord record = holder.get();
    if (record != null) {
      record.ended(holder.credentialId, revoked);
    }
  }

  /**
   * Removes {@code record} (and any collected case) from {@code holders}; true when none is left.
   */
  private static boolean remove(List<Holder> holders, CaseRecord record) {
    holders.removeIf(holder -> holder.get() == null || holder.get() == record);
    return holders.isEmpty();
  }

  private static void forgetAbandoned() {
    for (Reference<? extends CaseRecord> gone; (gone = abandoned.poll()) != null; ) {
      String credentialId = ((Holder) gone).credentialId;
      List<Holder> holders = byCredential.get(credentialId);
      if (holders != null && remove(holders, null)) {
        byCredential.remove(credentialId);
      }
    }
  }
}
