package dev.custody.core.credentials;

/**
 * One operation on a credential that Custody makes a span of, where no stock span already stands for it.
 *
 * @param name the span's operation: {@code fetch}, {@code refresh} or {@code revoke}
 * @param credentialId the credential's id when known before the operation ends (a path, a lease id), or null
 */
public record CredentialOperation(String name, String provider, String credentialId) {

  public static CredentialOperation fetch(String provider, String credentialId) {
    return new CredentialOperation("fetch", provider, credentialId);
  }

  public static CredentialOperation refresh(String provider, String credentialId) {
    return new CredentialOperation("refresh", provider, credentialId);
  }

  public static CredentialOperation revoke(String provider, String credentialId) {
    return new CredentialOperation("revoke", provider, credentialId);
  }
}
