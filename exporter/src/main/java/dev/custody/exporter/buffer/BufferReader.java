package dev.custody.exporter.buffer;

import io.opentelemetry.contrib.disk.buffering.storage.impl.FileSpanStorage;
import io.opentelemetry.contrib.disk.buffering.storage.impl.FileStorageConfiguration;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;

/**
 * The sender's view of the folder: the oldest stored batch, removed from its file only once {@link
 * #sent()} says the backend took it. The library's iterator removes a batch when the next one is
 * asked for, so {@code sent()} asks at once: a batch is never held past its success.
 */
final class BufferReader implements Closeable {

  private final FileSpanStorage storage;
  private final Iterator<Collection<SpanData>> batches;
  private boolean holding;

  BufferReader(Path folder, FileStorageConfiguration configuration) {
    this.storage = FileSpanStorage.create(folder.toFile(), configuration);
    this.batches = storage.iterator();
  }

  /** The oldest batch not yet sent, the same one until {@link #sent()}; null when none is ready. */
  Collection<SpanData> oldest() {
    if (!batches.hasNext()) {
      holding = false;
      return null;
    }
    holding = true;
    return batches.next();
  }

  /** The batch last returned reached the backend: remove it from its file now. */
  void sent() {
    if (holding) {
      holding = false;
      batches.hasNext();
    }
  }

  @Override
  public void close() throws IOException {
    storage.close();
  }
}
