package dev.custody.core.content;

import java.util.Locale;

/** How much of a piece of content (a prompt, a tool argument) a span may carry. */
public enum CaptureMode {
  /** Nothing: neither the text nor its hash. */
  OFF,
  /** Only {@code sha256:<hex>} (or {@code hmac-sha256:<hex>} with a hash key) of the raw text. */
  HASH,
  /** The text with secrets scrubbed, cut to the maximum length, and its hash beside it. */
  REDACTED,
  /** The whole text with secrets scrubbed, and its hash beside it. */
  FULL;

  public static final String ACCEPTED = "off, hash, redacted, full";

  /** The mode named by a setting value, or null when it names none. */
  public static CaptureMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "off" -> OFF;
      case "hash" -> HASH;
      case "redacted" -> REDACTED;
      case "full" -> FULL;
      default -> null;
    };
  }

  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
