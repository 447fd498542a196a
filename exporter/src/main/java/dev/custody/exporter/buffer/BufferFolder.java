package dev.custody.exporter.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process's share of a buffer folder: the first numbered sub-folder whose lock file no live
 * process holds. The disk-buffering library expects one reader and one writer per folder, in one
 * process; the lock keeps two processes on one {@code custody.buffer.dir} from sending the same
 * file twice. The operating system releases the lock when a process dies, so the next one to start
 * takes over what it left.
 */
final class BufferFolder implements Closeable {

  static final int MAX_SLOTS = 16;

  private final Path spans;
  private final FileChannel channel;
  private final FileLock lock;

  private BufferFolder(Path spans, FileChannel channel, FileLock lock) {
    this.spans = spans;
    this.channel = channel;
    this.lock = lock;
  }

  /** Claims a free slot under {@code root}, creating it; fails if none is free or writable. */
  static BufferFolder claim(Path root) throws IOException {
    Files.createDirectories(root);
    for (int slot = 0; slot < MAX_SLOTS; slot++) {
      FileChannel channel =
          FileChannel.open(
              root.resolve(slot + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        // Another exporter of this process has it.
      }
      if (lock != null) {
        Path spans = root.resolve(String.valueOf(slot));
        try {
          Files.createDirectories(spans);
          if (!Files.isWritable(spans)) {
            throw new IOException(spans + " is not writable");
          }
        } catch (IOException e) {
          channel.close();
          throw e;
        }
        return new BufferFolder(spans, channel, lock);
      }
      channel.close();
    }
    throw new IOException(
        "all " + MAX_SLOTS + " slots of " + root + " are held by other processes");
  }

  /** The folder of span files, only ever touched by this process while it holds the lock. */
  Path spans() {
    return spans;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
