package dev.custody.core.credentials;

import dev.custody.core.SpanNames;

/**
 * One operation on a credential that Custody makes a span of, where no stock span already stands
 * for it.
 *
 * @param name the span's operation: {@code fetch}, {@code refresh}, {@code revoke}, {@code expire}
 *     or {@code rotate}
 * @param credentialId the credential's id when known before the operation ends (a path, a lease
 *     id), or null
 * @param teardownKind for an operation that ends the credential's authority, its {@code
 *     custody.teardown.kind} ({@code revoke}, {@code lease_end}, {@code expiry}, {@code
 *     session_end}); null for one that obtains a credential
 * @param target what the span's name says it was done to ({@link SpanNames}): a path, a secret's
 *     name, {@code lease}, {@code token}; null when the name says no more than the provider
 */
public record CredentialOperation(
    String name, String provider, String credentialId, String teardownKind, String target) {

  public static CredentialOperation fetch(String provider, String credentialId) {
    return new CredentialOperation("fetch", provider, credentialId, null, null);
  }

  public static CredentialOperation refresh(String provider, String credentialId) {
    return new CredentialOperation("refresh", provider, credentialId, null, null);
  }

  public static CredentialOperation revoke(String provider, String credentialId) {
    return new CredentialOperation("revoke", provider, credentialId, "revoke", null);
  }

  /**
   * The holder gave the credential up to run out (no longer renewed): its authority ends with it.
   */
  public static CredentialOperation expire(String provider, String credentialId) {
    return new CredentialOperation("expire", provider, credentialId, "expiry", null);
  }

  /**
   * The holder replaced the credential with a new one (a rotated lease): the old lease's authority
   * ends.
   */
  public static CredentialOperation rotate(String provider, String credentialId) {
    return new CredentialOperation("rotate", provider, credentialId, "lease_end", null);
  }

  /**
   * The same operation, its span named for {@code target}: a path, {@code lease}, {@code token}.
   */
  public CredentialOperation on(String target) {
    return new CredentialOperation(name, provider, credentialId, teardownKind, target);
  }

  /** The span's name, {@code {operation} {provider} {target}}. */
  public String spanName() {
    return SpanNames.of(name, provider, target);
  }

  /** True for a teardown: the operation ends the authority of {@link #credentialId}. */
  public boolean endsAuthority() {
    return teardownKind != null;
  }

  /**
   * True for a revocation; other teardowns give the credential up to run out (an expiry, a
   * rotation).
   */
  public boolean revokes() {
    return "revoke".equals(teardownKind);
  }
}
