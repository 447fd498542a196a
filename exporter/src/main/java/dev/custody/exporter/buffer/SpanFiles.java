package dev.custody.exporter.buffer;

import static dev.custody.core.CustodyAttributes.CHECKPOINT_DROPPED;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_INDEX;
import static dev.custody.core.CustodyAttributes.INTEGRITY_SEQ;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;

import dev.custody.exporter.integrity.DroppedEvidence;
import io.opentelemetry.contrib.disk.buffering.storage.impl.FileStorageConfiguration;
import io.opentelemetry.diskbuffering.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.diskbuffering.proto.common.v1.KeyValue;
import io.opentelemetry.diskbuffering.proto.trace.v1.ResourceSpans;
import io.opentelemetry.diskbuffering.proto.trace.v1.ScopeSpans;
import io.opentelemetry.diskbuffering.proto.trace.v1.Span;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the disk-buffering library lays out our folder: files named by their creation time in
 * milliseconds, each appended to for {@link #WRITE_WINDOW_MILLIS} and read only once no write can
 * still be under way ({@link #READ_DELAY_MILLIS}); we, not the library, drop data for size and age
 * ({@link BufferBudget}), so the library's own limits sit above ours.
 */
final class SpanFiles {

  static final long WRITE_WINDOW_MILLIS = 1000;
  static final long READ_DELAY_MILLIS = 2000;
  private static final long LARGEST_FILE = 1L << 20;
  private static final Duration LIBRARY_AGE_MARGIN = Duration.ofHours(1);

  private SpanFiles() {}

  /**
   * The writer's and the sender's while both run: a new file each second, read once its writer is
   * done with it, never dropped by the library for size.
   */
  static FileStorageConfiguration whileRunning(BufferSettings settings) {
    return builder(settings).setMinFileAgeForReadMillis(READ_DELAY_MILLIS).build();
  }

  /** At shutdown, after the writer is closed: every file is ready. */
  static FileStorageConfiguration forDraining(BufferSettings settings) {
    return builder(settings).setMaxFileAgeForWriteMillis(0).setMinFileAgeForReadMillis(1).build();
  }

  /** The largest file, so that the newest one, which is never dropped, is a small part. */
  static int maxFileSize(BufferSettings settings) {
    return (int) Math.min(LARGEST_FILE, settings.maxBytes() / 4);
  }

  private static FileStorageConfiguration.Builder builder(BufferSettings settings) {
    return FileStorageConfiguration.builder()
        .setMaxFileSize(maxFileSize(settings))
        .setMaxFolderSize(Integer.MAX_VALUE)
        .setMaxFileAgeForWriteMillis(WRITE_WINDOW_MILLIS)
        .setMaxFileAgeForReadMillis(settings.maxAge().plus(LIBRARY_AGE_MARGIN).toMillis());
  }

  /** The span files of a folder, oldest first; anything else there is not ours and is left. */
  static List<File> oldestFirst(File folder) {
    File[] all = folder.listFiles();
    List<File> files = new ArrayList<>();
    if (all != null) {
      for (File file : all) {
        if (createdMillis(file) >= 0 && file.isFile()) {
          files.add(file);
        }
      }
    }
    files.sort(Comparator.comparingLong(SpanFiles::createdMillis));
    return files;
  }

  /** The creation time a file is named by, or -1. */
  static long createdMillis(File file) {
    String name = file.getName();
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(name);
  }

  /**
   * What a file holds, span by span, as the evidence chain names it: the library writes each batch
   * as one length-prefixed OTLP {@code ExportTraceServiceRequest}, read here with the protobuf
   * classes it bundles.
   */
  static DroppedEvidence contents(File file) throws IOException {
    DroppedEvidence contents = new DroppedEvidence();
    try (InputStream in = new BufferedInputStream(new FileInputStream(file))) {
      for (int size = readLength(in); size > 0; size = readLength(in)) {
        byte[] record = in.readNBytes(size);
        if (record.length < size) {
          break;
        }
        for (ResourceSpans resource :
            ExportTraceServiceRequest.ADAPTER.decode(record).resource_spans) {
          for (ScopeSpans scope : resource.scope_spans) {
            for (Span span : scope.spans) {
              tally(span, contents);
            }
          }
        }
      }
    }
    return contents;
  }

  private static void tally(Span span, DroppedEvidence contents) {
    String stream = null;
    Long seq = null;
    Long index = null;
    String note = null;
    for (KeyValue attribute : span.attributes) {
      if (attribute.value == null) {
        continue;
      }
      if (INTEGRITY_STREAM.getKey().equals(attribute.key)) {
        stream = attribute.value.string_value;
      } else if (INTEGRITY_SEQ.getKey().equals(attribute.key)) {
        seq = attribute.value.int_value;
      } else if (CHECKPOINT_INDEX.getKey().equals(attribute.key)) {
        index = attribute.value.int_value;
      } else if (CHECKPOINT_DROPPED.getKey().equals(attribute.key)) {
        note = attribute.value.string_value;
      }
    }
    contents.add(span.name, stream, seq, index, note);
  }

  /** A protobuf varint length, 0 at the end of the file; larger than a file's limit is corrupt. */
  private static int readLength(InputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.read();
      if (b < 0) {
        return 0;
      }
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (value > LARGEST_FILE) {
          throw new IOException("a record of " + value + " bytes");
        }
        return (int) value;
      }
    }
    throw new IOException("a malformed record length");
  }
}
