package dev.custody.exporter.buffer;

import dev.custody.exporter.integrity.DroppedEvidence;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Keeps a buffer folder within {@code custody.buffer.max_bytes} and {@code custody.buffer.max_age}:
 * the oldest files go first, never the newest (the writer may still be appending to it), and every
 * span in a dropped file is counted and named to the evidence chain.
 */
final class BufferBudget {

  private final File folder;
  private final long maxBytes;
  private final long maxAgeMillis;
  private final LongSupplier currentTimeMillis;
  private final DroppedSpans dropped;

  BufferBudget(
      Path folder, BufferSettings settings, LongSupplier currentTimeMillis, DroppedSpans dropped) {
    this.folder = folder.toFile();
    this.maxBytes = settings.maxBytes();
    this.maxAgeMillis = settings.maxAge().toMillis();
    this.currentTimeMillis = currentTimeMillis;
    this.dropped = dropped;
  }

  /**
   * The files that must go: too old, then the oldest while the folder and {@code reserve} more
   * bytes are over the budget.
   */
  List<File> over(long reserve) {
    List<File> files = SpanFiles.oldestFirst(folder);
    List<File> doomed = new ArrayList<>();
    long oldestKept = currentTimeMillis.getAsLong() - maxAgeMillis;
    long bytes = 0;
    for (File file : files) {
      bytes += file.length();
    }
    for (int i = 0; i < files.size() - 1; i++) {
      File file = files.get(i);
      if (SpanFiles.createdMillis(file) >= oldestKept && bytes + reserve <= maxBytes) {
        break;
      }
      doomed.add(file);
      bytes -= file.length();
    }
    return doomed;
  }

  /** Deletes the files {@link #over()} named, counting their spans as dropped. */
  void drop(List<File> doomed) {
    long oldestKept = currentTimeMillis.getAsLong() - maxAgeMillis;
    for (File file : doomed) {
      DroppedEvidence contents;
      try {
        contents = SpanFiles.contents(file);
      } catch (IOException | RuntimeException e) {
        contents = new DroppedEvidence();
      }
      if (file.delete()) {
        dropped.dropped(
            contents,
            SpanFiles.createdMillis(file) < oldestKept
                ? "older than " + BufferSettings.MAX_AGE
                : "over " + BufferSettings.MAX_BYTES);
      }
    }
  }
}
