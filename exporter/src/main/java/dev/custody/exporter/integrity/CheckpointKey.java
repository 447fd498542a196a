package dev.custody.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs checkpoints: the operator's (a PKCS#8 PEM as {@code openssl genpkey
 * -algorithm ed25519} writes it) or one made for this process alone. Only the public key and its id
 * ever leave the process.
 */
public final class CheckpointKey {

  private static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final boolean ephemeral;

  private CheckpointKey(KeyPair pair, boolean ephemeral) {
    this.privateKey = pair.getPrivate();
    this.publicKey = pair.getPublic();
    this.ephemeral = ephemeral;
  }

  /** A key for this process alone: its evidence is self-signed. */
  public static CheckpointKey generate() throws GeneralSecurityException {
    return new CheckpointKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair(), true);
  }

  /** The operator's key from its PKCS#8 PEM text, as {@code openssl genpkey} writes it. */
  public static CheckpointKey fromPrivateKeyPem(String pem) throws GeneralSecurityException {
    PrivateKey key =
        KeyFactory.getInstance(ALGORITHM)
            .generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
    byte[] seed =
        ((EdECPrivateKey) key)
            .getBytes()
            .orElseThrow(() -> new GeneralSecurityException("the Ed25519 key holds no seed"));
    // The JDK derives a public key only while generating a pair: generate the pair of this seed.
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
    generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
    KeyPair pair = generator.generateKeyPair();
    byte[] generated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
    if (!Arrays.equals(seed, generated)) {
      throw new GeneralSecurityException("could not derive the public key of the Ed25519 key");
    }
    return new CheckpointKey(new KeyPair(pair.getPublic(), key), false);
  }

  /**
   * A public key from its PEM text ({@code -----BEGIN PUBLIC KEY-----}), as an auditor holds it.
   */
  public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
    return publicKeyFromDer(pemBody(pem, "PUBLIC KEY"));
  }

  /** A public key from its DER SubjectPublicKeyInfo, as checkpoints carry it. */
  public static PublicKey publicKeyFromDer(byte[] subjectPublicKeyInfo)
      throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM)
        .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
  }

  /** The first 16 bytes of the SHA-256 of the public key's SubjectPublicKeyInfo, in hex. */
  public static String idOf(PublicKey key) throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return HexFormat.of().formatHex(hash, 0, 16);
  }

  public static boolean verifies(PublicKey key, byte[] payload, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(ALGORITHM);
    verifier.initVerify(key);
    verifier.update(payload);
    return verifier.verify(signature);
  }

  public byte[] sign(byte[] payload) throws GeneralSecurityException {
    Signature signer = Signature.getInstance(ALGORITHM);
    signer.initSign(privateKey);
    signer.update(payload);
    return signer.sign();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String id() throws GeneralSecurityException {
    return idOf(publicKey);
  }

  /** True for a key made by this process: nothing outside the evidence vouches for it. */
  public boolean ephemeral() {
    return ephemeral;
  }

  /** The public key as {@code openssl pkey -pubout} writes it. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(publicKey.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Override
  public String toString() {
    return "CheckpointKey[" + (ephemeral ? "ephemeral" : "configured") + "]"; // never the key
  }

  private static byte[] pemBody(String pem, String label) throws GeneralSecurityException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new GeneralSecurityException("not a PEM " + label + " (no " + begin + " line)");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the PEM " + label + " is not base64", e);
    }
  }

  /** Hands the generator the seed it asks for. */
  private static final class SeedRandom extends SecureRandom {
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
