package lsr.index.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The container every index file shares, and its memory-mapped reader. Little-endian throughout.
 *
 * <pre>
 * File       := Header Body Footer
 * Header     := Magic:u32 ("LSRI" as 0x4C535249) Kind:byte[4] (ASCII, names the structure)
 *               Version:u32 (of that structure's body layout) Reserved:u32 (0)
 * Body       := the structure's bytes, laid out as its format class documents
 * Footer     := BodyLength:u64 FooterMagic:u32 (0x46545231) Checksum:u32
 * Checksum   := CRC-32C of every byte before it (Header, Body, BodyLength, FooterMagic)
 * </pre>
 *
 * The header is 16 bytes, so a body section aligned to 8 within the body is aligned to 8 in the
 * file and, the mapping being page-aligned, in memory.
 */
public final class IndexFile {

  static final int MAGIC = 0x4C535249;
  static final int FOOTER_MAGIC = 0x46545231;
  static final int HEADER_BYTES = 16;
  static final int FOOTER_BYTES = 16;

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private IndexFile() {}

  /** How much of a file {@link #map} checks before handing out its body. */
  public enum Verify {
    /** Header, version and footer (catches truncation and wrong files; near-instant). */
    STRUCTURE,
    /** Also the CRC-32C of the whole file (catches any corruption; reads the file once). */
    CHECKSUM
  }

  /**
   * Maps {@code path} read-only into {@code arena} and returns its body, after checking it is a
   * complete file of {@code kind} at the version this lsr reads.
   *
   * @throws CorruptIndexException when the file is of another kind or version, truncated, or (with
   *     {@link Verify#CHECKSUM}) fails its checksum
   */
  public static MemorySegment map(Path path, Arena arena, FileKind kind, Verify verify) throws IOException {
    MemorySegment file;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER_BYTES + FOOTER_BYTES) {
        throw new CorruptIndexException(path, "truncated: " + size + " bytes, shorter than header and footer");
      }
      file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      MemoryAdvice.forSearch(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "index file missing; is this an index folder?");
    }
    long size = file.byteSize();
    if (file.get(INT, 0) != MAGIC) {
      throw new CorruptIndexException(path, "not an lsr index file (bad magic number)");
    }
    String foundKind = new String(file.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    if (!foundKind.equals(kind.code())) {
      throw new CorruptIndexException(path, "holds a '" + foundKind + "' structure where '" + kind.code() + "' ("
          + kind.description() + ") was expected");
    }
    int foundVersion = file.get(INT, 8);
    if (foundVersion != kind.version()) {
      throw new UnsupportedVersionException(path, kind.versionProblem(foundVersion));
    }
    if (file.get(INT, size - 8) != FOOTER_MAGIC) {
      throw new CorruptIndexException(path, "truncated or overwritten: no footer at its end");
    }
    long bodyLength = file.get(LONG, size - FOOTER_BYTES);
    if (bodyLength != size - HEADER_BYTES - FOOTER_BYTES) {
      throw new CorruptIndexException(
          path, "length mismatch: footer records a " + bodyLength + "-byte body, file holds "
              + (size - HEADER_BYTES - FOOTER_BYTES));
    }
    if (verify == Verify.CHECKSUM) {
      int stored = file.get(INT, size - 4);
      int computed = checksum(file, size - 4);
      if (stored != computed) {
        throw new CorruptIndexException(
            path, String.format("checksum mismatch (stored %08x, computed %08x): the file is corrupt", stored, computed));
      }
    }
    return file.asSlice(HEADER_BYTES, bodyLength);
  }

  /**
   * Reads the whole body of a small file (a commit point, a deletion set) into memory, checking its
   * kind, version, length and checksum.
   */
  public static byte[] read(Path path, FileKind kind) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      return map(path, arena, kind, Verify.CHECKSUM).toArray(ValueLayout.JAVA_BYTE);
    }
  }

  /**
   * What a file's header and footer say, read without mapping it.
   *
   * @param kind the four characters naming its structure
   * @param version its body version
   * @param bytes its length
   * @param checksum the CRC-32C its footer records
   */
  public record Description(String kind, int version, long bytes, int checksum) {}

  /** Reads the header and footer of {@code path} (no checksum verification). */
  public static Description describe(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER_BYTES + FOOTER_BYTES) {
        throw new CorruptIndexException(path, "truncated: " + size + " bytes, shorter than header and footer");
      }
      java.nio.ByteBuffer header = readFully(channel, 0, HEADER_BYTES);
      java.nio.ByteBuffer footer = readFully(channel, size - FOOTER_BYTES, FOOTER_BYTES);
      if (header.getInt(0) != MAGIC || footer.getInt(8) != FOOTER_MAGIC) {
        throw new CorruptIndexException(path, "not a complete lsr index file (bad magic number or no footer)");
      }
      byte[] kind = new byte[4];
      header.get(4, kind);
      return new Description(new String(kind, StandardCharsets.US_ASCII), header.getInt(8), size, footer.getInt(12));
    }
  }

  private static java.nio.ByteBuffer readFully(FileChannel channel, long at, int length) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new java.io.EOFException();
      }
    }
    return b;
  }

  private static int checksum(MemorySegment file, long length) {
    CRC32C crc = new CRC32C();
    long chunk = 1L << 30;
    for (long at = 0; at < length; at += chunk) {
      crc.update(file.asSlice(at, Math.min(chunk, length - at)).asByteBuffer());
    }
    return (int) crc.getValue();
  }
}
