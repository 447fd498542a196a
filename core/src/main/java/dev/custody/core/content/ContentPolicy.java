package dev.custody.core.content;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.cases.CaseExposures;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.scrub.SecretScrubber;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.util.function.UnaryOperator;

/**
 * Decides what of a piece of content a span carries, per the capture mode of its family: nothing,
 * its hash, or the scrubbed text (cut to {@code custody.capture.max_length} when redacted) with its
 * hash beside it. The hash is of the raw text, so whoever holds the original can prove it matches.
 */
public final class ContentPolicy {

  /** What a span may carry for one piece of content; either part may be null. */
  public record Captured(String text, String hash) {
    static final Captured NOTHING = new Captured(null, null);

    public void putOn(
        AttributesBuilder attributes, AttributeKey<String> textKey, AttributeKey<String> hashKey) {
      if (text != null) {
        attributes.put(textKey, text);
      }
      if (hash != null) {
        attributes.put(hashKey, hash);
      }
    }

    public void setOn(Span span, AttributeKey<String> textKey, AttributeKey<String> hashKey) {
      if (text != null) {
        span.setAttribute(textKey, text);
      }
      if (hash != null) {
        span.setAttribute(hashKey, hash);
      }
    }
  }

  /**
   * Content with structure, such as chat messages rendered as JSON: each text piece is captured on
   * its own, so scrubbing and cutting keep the structure valid. The hash is of the rendering with
   * every piece as it was.
   */
  @FunctionalInterface
  public interface Structured {
    String render(UnaryOperator<String> eachText);
  }

  /**
   * Text beyond the kept length is dropped before scrubbing, but only this far beyond (or the
   * longest fetched secret, if longer), so no secret is cut in two and left unrecognised.
   */
  static final int SCRUB_MARGIN = 16 * 1024;

  /** Even a full capture is bounded. */
  static final int FULL_LIMIT = 1 << 20;

  private ContentPolicy() {}

  public static Captured capture(ContentFamily family, String raw) {
    return capture(CustodyConfig.current(), family, raw);
  }

  public static Captured captureStructured(ContentFamily family, Structured content) {
    return captureStructured(CustodyConfig.current(), family, content);
  }

  static Captured capture(CustodyConfig config, ContentFamily family, String raw) {
    return raw == null
        ? Captured.NOTHING
        : captureStructured(config, family, text -> text.apply(raw));
  }

  static Captured captureStructured(
      CustodyConfig config, ContentFamily family, Structured content) {
    CaptureMode mode = config.mode(family);
    boolean remembered = CaseExposures.remembers(family);
    if (mode == CaptureMode.OFF && !remembered) {
      return Captured.NOTHING;
    }
    String raw = content.render(UnaryOperator.identity());
    if (remembered) {
      CaseExposures.sent(family, raw);
    }
    if (mode == CaptureMode.OFF) {
      return Captured.NOTHING;
    }
    String hash = ContentHasher.hash(raw, config.hashKey());
    return switch (mode) {
      case HASH -> new Captured(null, hash);
      case REDACTED ->
          new Captured(content.render(text -> scrubbedPrefix(text, config.maxLength())), hash);
      default -> new Captured(content.render(text -> scrubbedPrefix(text, FULL_LIMIT)), hash);
    };
  }

  private static String scrubbedPrefix(String raw, int length) {
    int margin = Math.max(SCRUB_MARGIN, KnownSecrets.index().longestForm());
    String bounded = raw.length() > length + margin ? raw.substring(0, length + margin) : raw;
    String scrubbed = SecretScrubber.scrub(bounded);
    return scrubbed.length() > length ? scrubbed.substring(0, length) : scrubbed;
  }
}
