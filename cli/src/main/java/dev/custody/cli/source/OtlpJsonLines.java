package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.map;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * OTLP JSON lines: one {@code ExportTraceServiceRequest} per line, as {@code custody-file} and the
 * Collector's file exporter write them. Read a line at a time, so a large file needs no more memory
 * than its longest line, and no line may be longer than {@link #MAX_LINE} characters.
 */
public final class OtlpJsonLines {

  /** The longest line read: a batch of the largest spans an SDK exports at once. */
  static final int MAX_LINE = 64 * 1024 * 1024;

  private static final int MAX_VALUES = 50_000_000;

  private OtlpJsonLines() {}

  /** Hands every span of the file to {@code spans}, in file order. */
  public static void read(Path file, Consumer<ReceivedSpan> spans) throws IOException {
    read(file, MAX_LINE, spans);
  }

  static void read(Path file, int maxLine, Consumer<ReceivedSpan> spans) throws IOException {
    try (BoundedLines lines =
        new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8), maxLine)) {
      String line;
      while ((line = next(file, lines)) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          OtlpJson.read(map(JsonReader.read(line, maxLine, MAX_VALUES)), spans);
        } catch (JsonParseException | RuntimeException e) {
          throw new IOException(
              file + " line " + lines.number() + " is no OTLP JSON: " + e.getMessage(), e);
        }
      }
    }
  }

  private static String next(Path file, BoundedLines lines) throws IOException {
    try {
      return lines.next();
    } catch (IOException e) {
      throw new IOException(file + " " + e.getMessage(), e);
    }
  }
}
