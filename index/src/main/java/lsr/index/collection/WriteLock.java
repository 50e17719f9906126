package lsr.index.collection;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-writer-per-collection lock: an operating-system lock on {@code write.lock}, so a killed
 * writer never leaves a stale lock behind, and the file's text names the holder for the error a
 * second writer gets. The file itself is never deleted (a new file would be a second lock).
 */
final class WriteLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private WriteLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code folder}.
   *
   * @param holder what takes it, for the message a second writer gets ({@code lsr index}, {@code lsr serve})
   * @throws CollectionLockedException when another writer holds it
   */
  static WriteLock acquire(Path folder, String holder) throws IOException {
    Path file = folder.resolve(CollectionFormat.LOCK);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process holds it already, through another writer
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String held = read(channel);
      channel.close();
      throw new CollectionLockedException(folder, held.isBlank() ? "another writer" : held);
    }
    try {
      String text = holder + " (pid " + ProcessHandle.current().pid() + " on " + host() + ", since "
          + Instant.now() + ")";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new WriteLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
  }

  private static String host() {
    String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    int at = runtime.indexOf('@');
    return at >= 0 ? runtime.substring(at + 1) : "this host";
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
