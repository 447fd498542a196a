package dev.custody.core.credentials;

import java.time.Instant;

/**
 * What identifies an obtained credential and bounds its authority; never its value. Unknown parts
 * are null.
 *
 * @param provider {@code aws-secretsmanager}, {@code aws-sts}, {@code vault}, {@code
 *     azure-keyvault}, {@code azure-identity}, {@code gcp-secretmanager}, {@code kubernetes} or
 *     {@code spiffe}
 * @param kind {@code secret}, {@code session}, {@code lease}, {@code token} or {@code svid}
 * @param id the credential's name where it lives: an ARN, a Vault path, a Key Vault id, a GCP
 *     resource name, a role ARN, a SPIFFE ID
 * @param principal the identity the credential makes its holder: an assumed-role ARN, a Vault
 *     entity or accessor, an Azure client id
 * @param jti the {@code jti} claim of a credential that is a JWT
 * @param neverExpires true for a static secret with no expiry
 */
public record CredentialFacts(
    String provider,
    String kind,
    String id,
    String version,
    String principal,
    Instant issuedAt,
    Instant expiresAt,
    Long ttlSeconds,
    Boolean renewable,
    String leaseId,
    String jti,
    boolean neverExpires) {

  public static Builder builder(String provider, String kind, String id) {
    return new Builder(provider, kind, id);
  }

  /** Builds facts one known part at a time. */
  public static final class Builder {
    private final String provider;
    private final String kind;
    private final String id;
    private String version;
    private String principal;
    private Instant issuedAt;
    private Instant expiresAt;
    private Long ttlSeconds;
    private Boolean renewable;
    private String leaseId;
    private String jti;
    private boolean neverExpires;

    private Builder(String provider, String kind, String id) {
      this.provider = provider;
      this.kind = kind;
      this.id = id;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The time to live from now; sets the expiry too when none is known. */
    public Builder ttlSeconds(Long ttlSeconds) {
      this.ttlSeconds = ttlSeconds;
      return this;
    }

    public Builder renewable(Boolean renewable) {
      this.renewable = renewable;
      return this;
    }

    public Builder leaseId(String leaseId) {
      this.leaseId = leaseId;
      return this;
    }

    public Builder jti(String jti) {
      this.jti = jti;
      return this;
    }

    public Builder neverExpires() {
      this.neverExpires = true;
      return this;
    }

    public CredentialFacts build() {
      Instant expiry = expiresAt;
      if (expiry == null && ttlSeconds != null && ttlSeconds > 0) {
        expiry = Instant.now().plusSeconds(ttlSeconds);
      }
      return new CredentialFacts(
          provider,
          kind,
          id,
          version,
          principal,
          issuedAt,
          expiry,
          ttlSeconds,
          renewable,
          leaseId,
          jti,
          neverExpires);
    }
  }
}
