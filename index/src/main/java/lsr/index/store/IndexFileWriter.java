package lsr.index.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one index file in the container layout of {@link IndexFile}: header, then a body appended
 * through little-endian writes, then the footer with the body's length and the CRC-32C of
 * everything before the checksum. The checksum is computed as bytes pass through the buffer, so a
 * file is written in one sequential pass. Not thread-safe.
 */
public final class IndexFileWriter implements Closeable {

  /**
   * Writes go out in aligned 4 MiB pieces: Linux then caches the file in 2 MiB folios, which a
   * reader's mapping uses as huge pages (one TLB entry per 2 MiB instead of per 4 KiB, which
   * matters for the random document reads of a search). Writes of 1 MiB leave small pages.
   */
  private static final int BUFFER_BYTES = 4 << 20;
  /**
   * A file starts with a small buffer, grown to {@link #BUFFER_BYTES} when it outgrows it (before
   * anything is written out, so the pieces stay aligned): most files of a small segment are a few
   * kilobytes, and zeroing 4 MiB for each cost more than writing them.
   */
  private static final int FIRST_BUFFER_BYTES = 64 << 10;

  private final Path path;
  private final FileChannel channel;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(FIRST_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long flushed;
  private boolean finished;

  private IndexFileWriter(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Creates (or replaces) {@code path} and writes its header, at the version this lsr writes. */
  public static IndexFileWriter create(Path path, FileKind kind) throws IOException {
    byte[] kindBytes = kind.code().getBytes(StandardCharsets.US_ASCII);
    FileChannel channel =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    IndexFileWriter w = new IndexFileWriter(path, channel);
    w.writeInt(IndexFile.MAGIC);
    w.writeBytes(kindBytes);
    w.writeInt(kind.version());
    w.writeInt(0);
    return w;
  }

  public Path path() {
    return path;
  }

  /** Bytes written so far, header included: the file offset of the next byte. */
  public long position() {
    return flushed + buffer.position();
  }

  public void writeByte(int b) throws IOException {
    room(1);
    buffer.put((byte) b);
  }

  public void writeShort(int s) throws IOException {
    room(2);
    buffer.putShort((short) s);
  }

  public void writeInt(int i) throws IOException {
    room(4);
    buffer.putInt(i);
  }

  public void writeLong(long l) throws IOException {
    room(8);
    buffer.putLong(l);
  }

  public void writeFloat(float f) throws IOException {
    room(4);
    buffer.putFloat(f);
  }

  public void writeBytes(byte[] bytes) throws IOException {
    writeBytes(bytes, 0, bytes.length);
  }

  public void writeBytes(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      room(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, offset, n);
      offset += n;
      length -= n;
    }
  }

  /** Pads with zero bytes until the file offset is a multiple of {@code alignment}. */
  public void align(int alignment) throws IOException {
    while (position() % alignment != 0) {
      writeByte(0);
    }
  }

  /** Writes a whole small file ({@code body} between header and footer), not forced. */
  public static void write(Path path, FileKind kind, byte[] body) throws IOException {
    try (IndexFileWriter w = create(path, kind)) {
      w.writeBytes(body);
      w.finish();
    }
  }

  /** The CRC-32C written in the footer; known once {@link #finish()} has run. */
  public int checksum() {
    if (!finished) {
      throw new IllegalStateException(path + " is not finished");
    }
    return (int) crc.getValue();
  }

  /**
   * Writes the footer and closes the file, without forcing it to disk: what commits it forces it
   * ({@link Durability}), with the other files of the commit.
   */
  public void finish() throws IOException {
    long bodyLength = position() - IndexFile.HEADER_BYTES;
    writeLong(bodyLength);
    writeInt(IndexFile.FOOTER_MAGIC);
    flush();
    int checksum = (int) crc.getValue();
    ByteBuffer last = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum).flip();
    while (last.hasRemaining()) {
      channel.write(last);
    }
    channel.close();
    finished = true;
  }

  /** Closes the file; one that was not {@link #finish() finished} is deleted, never left half-written. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      channel.close();
      Files.deleteIfExists(path);
    }
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    if (buffer.capacity() < BUFFER_BYTES) {
      ByteBuffer larger = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.flip();
      larger.put(buffer);
      buffer = larger;
    } else {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    crc.update(buffer.duplicate());
    while (buffer.hasRemaining()) {
      flushed += channel.write(buffer);
    }
    buffer.clear();
  }
}
