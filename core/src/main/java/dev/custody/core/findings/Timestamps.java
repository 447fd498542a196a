package dev.custody.core.findings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * Reads the times the attributes carry (RFC 3339, docs/attributes.md) as epoch microseconds, the
 * unit of span times; also epoch seconds, milliseconds or microseconds, told apart by size.
 * Anything else is no time: a malformed value makes no finding, never an exception.
 */
final class Timestamps {

  private static final long MILLIS_FROM = 100_000_000_000L; // 5138 as seconds, 1973 as millis
  private static final long MICROS_FROM = 100_000_000_000_000L; // 1973 as micros

  private Timestamps() {}

  static OptionalLong micros(String value) {
    if (value == null || value.isBlank() || value.length() > 64) {
      return OptionalLong.empty();
    }
    String text = value.strip();
    if (text.chars().allMatch(Character::isDigit)) {
      return epoch(text);
    }
    try {
      return OptionalLong.of(micros(OffsetDateTime.parse(text).toInstant()));
    } catch (DateTimeParseException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * A span of time as an investigator reads it: {@code 350 ms}, {@code 45 s}, {@code 12 min 5 s},
   * {@code 3 d 4 h}. Milliseconds under a second: a use right after a revocation is not "0 s"
   * after.
   */
  static String duration(long micros) {
    if (micros < 1_000_000) {
      return Math.max(0, micros / 1_000) + " ms";
    }
    long seconds = micros / 1_000_000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3_600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    if (seconds < 86_400) {
      long minutes = seconds % 3_600 / 60;
      return seconds / 3_600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
    long hours = seconds % 86_400 / 3_600;
    return seconds / 86_400 + " d" + (hours == 0 ? "" : " " + hours + " h");
  }

  private static OptionalLong epoch(String digits) {
    if (digits.length() > 18) {
      return OptionalLong.empty();
    }
    long number = Long.parseLong(digits);
    if (number >= MICROS_FROM) {
      return OptionalLong.of(number);
    }
    return OptionalLong.of(number >= MILLIS_FROM ? number * 1_000 : number * 1_000_000);
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
