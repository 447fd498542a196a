package dev.custody.exporter.buffer;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code custody.buffer.*} settings: whether spans for OTLP exporters go through a folder on
 * disk first, which folder, and how much of it they may take for how long.
 */
public record BufferSettings(boolean enabled, Path dir, long maxBytes, Duration maxAge) {

  public static final String ENABLED = "custody.buffer.enabled";
  public static final String DIR = "custody.buffer.dir";
  public static final String MAX_BYTES = "custody.buffer.max_bytes";
  public static final String MAX_AGE = "custody.buffer.max_age";

  static final long DEFAULT_MAX_BYTES = 256L << 20;
  static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  // The library counts a folder's size in an int; a budget well below that keeps its sums exact.
  static final long LARGEST_MAX_BYTES = 1L << 30;
  static final long SMALLEST_MAX_BYTES = 64L << 10;

  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,13})\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?", Pattern.CASE_INSENSITIVE);

  /** The settings from the agent's configuration; a value that cannot be used is one log line. */
  public static BufferSettings read(ConfigProperties config, Consumer<String> log) {
    boolean enabled = config.getBoolean(ENABLED, true);
    String dir = config.getString(DIR);
    Path folder =
        dir == null || dir.isBlank()
            ? defaultDir(System.getProperty("java.io.tmpdir"), serviceName(config))
            : Path.of(dir.trim());
    long maxBytes = DEFAULT_MAX_BYTES;
    String size = config.getString(MAX_BYTES);
    if (size != null && !size.isBlank()) {
      long parsed = parseBytes(size);
      if (parsed < SMALLEST_MAX_BYTES || parsed > LARGEST_MAX_BYTES) {
        log.accept(
            "Custody: "
                + MAX_BYTES
                + "="
                + size
                + " is not a size from 64KiB to 1GiB; the span buffer keeps the default 256MiB.");
      } else {
        maxBytes = parsed;
      }
    }
    Duration maxAge = DEFAULT_MAX_AGE;
    try {
      Duration age = config.getDuration(MAX_AGE, DEFAULT_MAX_AGE);
      if (age.isNegative() || age.isZero()) {
        log.accept("Custody: " + MAX_AGE + " must be positive; the span buffer keeps 24h.");
      } else {
        maxAge = age;
      }
    } catch (RuntimeException e) {
      log.accept("Custody: " + MAX_AGE + " is not a duration; the span buffer keeps 24h.");
    }
    return new BufferSettings(enabled, folder, maxBytes, maxAge);
  }

  /** {@code <tmpdir>/custody-buffer/<service.name>}, the name reduced to safe file name letters. */
  static Path defaultDir(String tmpDir, String serviceName) {
    String safe = serviceName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.startsWith(".")) {
      safe = "_" + safe;
    }
    return Path.of(tmpDir, "custody-buffer", safe);
  }

  /** Bytes from {@code 268435456}, {@code 256MiB}, {@code 512k} or {@code 1GiB}; -1 if not one. */
  static long parseBytes(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      return -1;
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    return number > (Long.MAX_VALUE >> shift) ? -1 : number << shift;
  }

  private static String serviceName(ConfigProperties config) {
    String name = config.getString("otel.service.name");
    if (name == null || name.isBlank()) {
      name = config.getMap("otel.resource.attributes").get("service.name");
    }
    return name == null || name.isBlank() ? "unknown_service" : name.trim();
  }
}
