package dev.custody.core.content;

import dev.custody.bootstrap.FetchedSecrets;
import dev.custody.core.config.CustodyConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Decides what of a piece of content a span carries, per the capture mode of its family: nothing, its hash, or the
 * scrubbed text (cut to {@code custody.capture.max_length} when redacted) with its hash beside it. The hash is of the
 * raw text, so whoever holds the original can prove it matches.
 */
public final class ContentPolicy {

  /** What a span may carry for one piece of content; either part may be null. */
  public record Captured(String text, String hash) {
    static final Captured NOTHING = new Captured(null, null);
  }

  /**
   * Text beyond the kept length is dropped before scrubbing, but only this far beyond (or the longest fetched secret,
   * if longer), so no secret is cut in two and left unrecognised.
   */
  static final int SCRUB_MARGIN = 16 * 1024;

  /** Even a full capture is bounded. */
  static final int FULL_LIMIT = 1 << 20;

  private ContentPolicy() {}

  public static Captured capture(ContentFamily family, String raw) {
    return capture(CustodyConfig.current(), family, raw);
  }

  static Captured capture(CustodyConfig config, ContentFamily family, String raw) {
    if (raw == null) {
      return Captured.NOTHING;
    }
    CaptureMode mode = config.mode(family);
    if (mode == CaptureMode.OFF) {
      return Captured.NOTHING;
    }
    String hash = ContentHasher.hash(raw, config.hashKey());
    return switch (mode) {
      case HASH -> new Captured(null, hash);
      case REDACTED -> new Captured(scrubbedPrefix(raw, config.maxLength()), hash);
      default -> new Captured(scrubbedPrefix(raw, FULL_LIMIT), hash);
    };
  }

  /** Sets {@code textKey} and {@code hashKey} on the span as the family's mode allows. */
  public static void record(
      Span span,
      ContentFamily family,
      AttributeKey<String> textKey,
      AttributeKey<String> hashKey,
      String raw) {
    Captured captured = capture(family, raw);
    if (captured.text() != null) {
      span.setAttribute(textKey, captured.text());
    }
    if (captured.hash() != null) {
      span.setAttribute(hashKey, captured.hash());
    }
  }

  private static String scrubbedPrefix(String raw, int length) {
    String[] fetched = FetchedSecrets.values();
    int margin = Math.max(SCRUB_MARGIN, fetched.length > 0 ? fetched[0].length() : 0);
    String bounded = raw.length() > length + margin ? raw.substring(0, length + margin) : raw;
    String scrubbed = SecretScrubber.scrub(bounded);
    return scrubbed.length() > length ? scrubbed.substring(0, length) : scrubbed;
  }
}
