package dev.custody.exporter.buffer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One process's share of a buffer folder: the first numbered sub-folder whose lock file no live
 * process holds, with the files of any other slot no live process holds. The disk-buffering library
 * expects one reader and one writer per folder, in one process; the lock keeps two processes on one
 * {@code custody.buffer.dir} from sending the same file twice. The operating system releases the
 * lock when a process dies, so the next one to start takes over what it left.
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
        try {
          adoptOrphans(root, slot, spans);
        } catch (IOException e) {
          // Left where they are, for a later start.
        }
        return new BufferFolder(spans, channel, lock);
      }
      channel.close();
    }
    throw new IOException(
        "all " + MAX_SLOTS + " slots of " + root + " are held by other processes");
  }

  /**
   * Moves into {@code spans} the files of every other slot no live process holds: what a process
   * that died on slot 1 left is sent even when the next process to start gets slot 0. A file whose
   * name (its creation time) this slot has already stays where it is.
   */
  private static void adoptOrphans(Path root, int own, Path spans) throws IOException {
    for (int slot = 0; slot < MAX_SLOTS; slot++) {
      Path orphan = root.resolve(String.valueOf(slot));
      if (slot == own || !Files.isDirectory(orphan)) {
        continue;
      }
      try (FileChannel channel =
          FileChannel.open(
              root.resolve(slot + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
          lock = null;
        }
        if (lock == null) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(orphan)) {
          for (Path file : files) {
            Path adopted = spans.resolve(file.getFileName().toString());
            if (!Files.exists(adopted)) {
              Files.move(file, adopted, StandardCopyOption.ATOMIC_MOVE);
            }
          }
        } finally {
          lock.release();
        }
      }
    }
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
