package dev.custody.exporter.integrity;

import static dev.custody.core.CustodyAttributes.CHECKPOINT_CASES;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_CORE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_COUNT;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_DROPPED;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FIRST_SEQ;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FORMAT;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FULL;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_INDEX;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_KEY_ID;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_KEY_SOURCE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_LAST_SEQ;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_PREVIOUS;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_PUBLIC_KEY;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_REASON;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_SIGNATURE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_TIME;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;

import io.opentelemetry.api.common.AttributeKey;
import java.util.Map;

/** A checkpoint and the base64 Ed25519 signature of its payload. */
public record SignedCheckpoint(Checkpoint checkpoint, String signature) {

  /**
   * The checkpoint a {@code custody.checkpoint} span carries, from its attributes as strings (as
   * every backend gives them back); null when one is missing or malformed, or the format unknown.
   */
  public static SignedCheckpoint read(Map<String, ?> attributes) {
    try {
      if (!Checkpoint.FORMAT.equals(text(attributes, CHECKPOINT_FORMAT))) {
        return null;
      }
      Checkpoint checkpoint =
          new Checkpoint(
              text(attributes, INTEGRITY_STREAM),
              number(attributes, CHECKPOINT_INDEX),
              number(attributes, CHECKPOINT_FIRST_SEQ),
              number(attributes, CHECKPOINT_LAST_SEQ),
              number(attributes, CHECKPOINT_COUNT),
              text(attributes, CHECKPOINT_CORE),
              text(attributes, CHECKPOINT_FULL),
              text(attributes, CHECKPOINT_CASES),
              text(attributes, CHECKPOINT_DROPPED),
              text(attributes, CHECKPOINT_PREVIOUS),
              number(attributes, CHECKPOINT_TIME),
              text(attributes, CHECKPOINT_REASON),
              text(attributes, CHECKPOINT_KEY_ID),
              text(attributes, CHECKPOINT_PUBLIC_KEY),
              text(attributes, CHECKPOINT_KEY_SOURCE));
      String signature = text(attributes, CHECKPOINT_SIGNATURE);
      return signature == null || checkpoint.stream() == null
          ? null
          : new SignedCheckpoint(checkpoint, signature);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(Map<String, ?> attributes, AttributeKey<?> key) {
    Object value = attributes.get(key.getKey());
    if (value == null) {
      return key == CHECKPOINT_PREVIOUS
          ? ""
          : key == CHECKPOINT_CASES || key == CHECKPOINT_DROPPED ? "{}" : null;
    }
    return value.toString();
  }

  private static long number(Map<String, ?> attributes, AttributeKey<?> key) {
    String value = text(attributes, key);
    if (value == null) {
      throw new NumberFormatException("no " + key.getKey());
    }
    return Long.parseLong(value);
  }
}
