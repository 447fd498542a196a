package dev.custody.cli.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, each at most {@code maxChars} long: a longer one (a hostile or corrupt file)
 * is an error naming its line number, not a string as large as the file.
 */
final class BoundedLines implements Closeable {

  private final Reader reader;
  private final int maxChars;
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;
  private int number;

  BoundedLines(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line without its line break, or null at the end. */
  String next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit < 0) {
          limit = 0;
          return any ? ended(line) : null;
        }
      }
      any = true;
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (line.length() + (end - position) > maxChars + 1) {
        throw new IOException(
            "line " + (number + 1) + " is longer than " + maxChars + " characters");
      }
      line.append(buffer, position, end - position);
      if (end < limit) {
        position = end + 1;
        return ended(line);
      }
      position = limit;
    }
  }

  /** The number of the line {@link #next} returned last, from 1. */
  int number() {
    return number;
  }

  private String ended(StringBuilder line) throws IOException {
    number++;
    int length = line.length();
    if (length > 0 && line.charAt(length - 1) == '\r') {
      line.setLength(--length);
    }
    if (length > maxChars) {
      throw new IOException("line " + number + " is longer than " + maxChars + " characters");
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
