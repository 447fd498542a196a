package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one case accumulates while it runs: the credentials it obtained, its policy decisions, and
 * what it sent to models and tools ({@link SentTokens}). The case root puts it in the case's
 * context, through which every class loader reaches it (a credential is obtained where the AWS SDK
 * is loaded, a decision where the HTTP client is, the case ends where the agent framework is); it
 * is read when the root ends and goes with the case. Nothing per case is kept anywhere else, but
 * while it runs, which credentials it holds ({@link CredentialHolders}, for revocations). JDK types
 * only.
 */
public final class CaseRecord {

  /**
   * A credential the case obtained, who issued it and what it is ({@code
   * custody.credential.provider} and {@code .kind}), and until when it grants authority ({@link
   * CredentialLedger#NEVER}...).
   */
  public record Obtained(String credentialId, String provider, String kind, long expiresAtMillis) {}

  /**
   * A case obtaining more credentials than this is recorded as incomplete rather than held without
   * bound.
   */
  static final int MAX_CREDENTIALS = 256;

  private volatile Object rootSpan;
  private final SentTokens sent = new SentTokens();
  private final PolicyTally decisions = new PolicyTally();
  // Guarded by this.
  private final Map<String, Obtained> credentials = new LinkedHashMap<>();
  private boolean credentialsDropped;
  private boolean anyRevoked;
  private boolean anyGivenUp;
  private boolean ended;
  private boolean exposed;

  /**
   * @param rootSpan the span of the case root (an OpenTelemetry {@code Span}), to mark while the
   *     case runs
   */
  public CaseRecord(Object rootSpan) {
    this.rootSpan = rootSpan;
  }

  public Object rootSpan() {
    return rootSpan;
  }

  /**
   * Names the span of the case root when it starts after the case opened: a framework that makes
   * its own spans opens the case where the task comes in and starts its root span later. Until then
   * {@link #rootSpan} is null.
   */
  public void rootIs(Object rootSpan) {
    this.rootSpan = rootSpan;
  }

  /** What the case sent to models and tools. */
  public SentTokens sent() {
    return sent;
  }

  /** Records that the case obtained {@code credentialId}, valid until {@code expiresAtMillis}. */
  public void obtained(String credentialId, String provider, String kind, long expiresAtMillis) {
    synchronized (this) {
      if (ended
          || credentials.size() >= MAX_CREDENTIALS && !credentials.containsKey(credentialId)) {
        credentialsDropped |= !ended;
        return;
      }
      credentials.put(credentialId, new Obtained(credentialId, provider, kind, expiresAtMillis));
    }
    CredentialHolders.hold(credentialId, this);
  }

  /**
   * Records that {@code credentialId} no longer grants the case authority: {@code revoked}, or
   * given up to run out (a lease no longer renewed or replaced).
   */
  synchronized void ended(String credentialId, boolean revoked) {
    if (credentials.remove(credentialId) != null) {
      anyRevoked |= revoked;
      anyGivenUp |= !revoked;
    }
  }

  /**
   * How the case's authority ended at {@code nowMillis}: {@code outstanding} while a credential
   * still grants it, {@code revoked} when every credential was revoked, else {@code expired}; null
   * when the case obtained none.
   */
  public synchronized String authorityEndedBy(long nowMillis) {
    if (!outstanding(nowMillis).isEmpty()) {
      return "outstanding";
    }
    if (credentials.isEmpty() && !anyGivenUp) {
      return anyRevoked ? "revoked" : null;
    }
    return "expired";
  }

  /**
   * The credentials that still grant authority at {@code nowMillis}: obtained, not revoked, not
   * expired.
   */
  public synchronized List<Obtained> outstanding(long nowMillis) {
    List<Obtained> outstanding = new ArrayList<>();
    for (Obtained credential : credentials.values()) {
      long expiry = credential.expiresAtMillis();
      if (expiry == CredentialLedger.UNKNOWN || expiry > nowMillis) {
        outstanding.add(credential);
      }
    }
    return outstanding;
  }

  /** The case is over: revocations no longer concern it, and nothing holds it for them. */
  public void ended() {
    List<String> held;
    synchronized (this) {
      ended = true;
      held = new ArrayList<>(credentials.keySet());
    }
    CredentialHolders.release(this, held);
  }

  /**
   * True when the case obtained more credentials than it could record: its authority is then not
   * fully known.
   */
  public synchronized boolean credentialsDropped() {
    return credentialsDropped;
  }

  /**
   * Records that the case sent a secret before fetching it; true the first time only, so its root
   * is marked once.
   */
  public synchronized boolean exposedFirst() {
    boolean first = !exposed;
    exposed = true;
    return first;
  }

  /** The case's policy decisions. */
  public PolicyTally decisions() {
    return decisions;
  }
}
