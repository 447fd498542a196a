package dev.custody.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signed link of a process's evidence chain: which spans of the stream it covers (a sequence
 * range, with each span's digests in sequence order), the hash of the checkpoint before it, and the
 * key that signs it. The signature covers {@link #payload()}.
 *
 * @param stream the process's stream id (32 hex digits), on every span it exported
 * @param index 0 for the stream's first checkpoint, then one more each time
 * @param firstSeq the first {@code custody.integrity.seq} covered
 * @param lastSeq the last one covered ({@code firstSeq - 1} when none)
 * @param count how many spans of the range were exported (the rest never reached an exporter)
 * @param coreDigests base64 of {@link CanonicalSpan#DIGEST_BYTES} per sequence number of the range,
 *     zeros for one never exported: the {@code core} form's digests
 * @param fullDigests the same for the {@code full} form
 * @param cases which numbers of the range belong to which case ({@link CheckpointCases})
 * @param dropped what was dropped after it was numbered, since the checkpoint before ({@link
 *     DroppedEvidence}), of this stream or another one
 * @param previous hex SHA-256 of the previous checkpoint's payload; empty for the first
 * @param reason why it was written: {@code interval}, {@code case_end} or {@code shutdown} (the
 *     stream's last)
 * @param publicKey base64 of the signing key's DER SubjectPublicKeyInfo
 * @param keySource {@code configured} (the operator's key) or {@code ephemeral} (self-signed)
 */
public record Checkpoint(
    String stream,
    long index,
    long firstSeq,
    long lastSeq,
    long count,
    String coreDigests,
    String fullDigests,
    String cases,
    String dropped,
    String previous,
    long timeMicros,
    String reason,
    String keyId,
    String publicKey,
    String keySource) {

  public static final String FORMAT = "custody-checkpoint-3";

  /** The bytes signed and chained: the fields as canonical JSON. */
  public byte[] payload() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("v", FORMAT);
    fields.put("stream", stream);
    fields.put("index", index);
    fields.put("first_seq", firstSeq);
    fields.put("last_seq", lastSeq);
    fields.put("count", count);
    fields.put("core", coreDigests);
    fields.put("full", fullDigests);
    fields.put("cases", cases);
    fields.put("dropped", dropped);
    fields.put("previous", previous);
    fields.put("time", timeMicros);
    fields.put("reason", reason);
    fields.put("key_id", keyId);
    fields.put("public_key", publicKey);
    fields.put("key_source", keySource);
    return CanonicalJson.bytes(fields);
  }

  /** What the next checkpoint names as its {@code previous}. */
  public String hash() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload());
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return new String(payload(), StandardCharsets.UTF_8);
  }
}
