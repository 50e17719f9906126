package lsr.index.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;

/**
 * The external ids of a segment's documents and a hash table from id to local document, read from
 * {@code ids.lsr} (kind {@link FileKind#ID_TABLE}, written by {@link DocIdTableWriter}) through a
 * read-only memory mapping. Opening reads the header, footer and the counts at the body's end (and
 * every byte once with {@link IndexFile.Verify#CHECKSUM}); {@link #find} hashes the id and probes a
 * few slots of the stored table, so nothing is built on the heap. Thread-safe (nothing is mutable)
 * when the arena is shared.
 *
 * <p>The body, little-endian; {@code Pad8} is zero bytes up to the next multiple of 8 of the offset:
 *
 * <pre>
 * Body       := Utf8:byte[*] Pad8 IdOffsets:i64[Docs + 1] Slots:i32[SlotCount] Docs:i32 SlotCount:i32
 * Utf8       the ids of documents 0, 1, ..., Docs - 1 back to back: the id of d is
 *            Utf8[IdOffsets[d], IdOffsets[d + 1]), 1 to 65 536 bytes of well-formed UTF-8;
 *            no two ids are equal
 * Slots      an open-addressing table: 0 is an empty slot, d + 1 holds document d. SlotCount is the
 *            smallest power of two &gt;= max(2, 2 * Docs), so at least half the slots are empty.
 *            Document d's home slot is murmur3_x86_32(id of d, seed 0) &amp; (SlotCount - 1); the
 *            documents were placed in order, each in the first empty slot from its home upwards
 *            (wrapping at the end).
 * </pre>
 *
 * An id's walk from its home slot thus meets its document before any empty slot, or the segment
 * does not hold it.
 */
public final class DocIdTable {

  /** Longest id, in bytes of UTF-8. */
  public static final int MAX_ID_BYTES = 1 << 16;
  /** Most documents of a segment: the table then has at most 2^30 slots, one int array. */
  public static final int MAX_DOCS = 1 << 29;

  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final MemorySegment body;
  private final int docs;
  private final long offsetsAt;
  private final long slotsAt;
  private final int slotMask;
  /** IdOffsets[Docs]: no id may reach past it. */
  private final long idBytesEnd;

  private DocIdTable(Path file, MemorySegment body, int docs, long offsetsAt, long slotsAt, int slots, long idBytesEnd) {
    this.file = file;
    this.body = body;
    this.docs = docs;
    this.offsetsAt = offsetsAt;
    this.slotsAt = slotsAt;
    this.slotMask = slots - 1;
    this.idBytesEnd = idBytesEnd;
  }

  /**
   * Maps {@code file} into {@code arena} (which owns the mapping: the table must not be used once
   * it is closed).
   *
   * @throws CorruptIndexException when the file is not a complete id table, its tables do not
   *     match its counts, or (with {@link IndexFile.Verify#CHECKSUM}) it fails its checksum
   */
  public static DocIdTable open(Path file, Arena arena, IndexFile.Verify verify) throws IOException {
    MemorySegment body = IndexFile.map(file, arena, FileKind.ID_TABLE, verify);
    long size = body.byteSize();
    if (size < 8) {
      throw new CorruptIndexException(file, "body of " + size + " bytes has no counts at its end");
    }
    int docs = body.get(I32, size - 8);
    int slots = body.get(I32, size - 4);
    if (docs < 0 || docs > MAX_DOCS || slots != slotCount(docs)) {
      throw new CorruptIndexException(
          file, "counts at the body's end (" + docs + " documents, " + slots + " slots) are inconsistent");
    }
    long slotsAt = size - 8 - 4L * slots;
    long offsetsAt = slotsAt - 8L * (docs + 1);
    if (offsetsAt < 0 || offsetsAt % 8 != 0) {
      throw new CorruptIndexException(
          file, "body of " + size + " bytes cannot hold the tables of " + docs + " documents");
    }
    long first = body.get(I64, offsetsAt);
    long end = body.get(I64, offsetsAt + 8L * docs);
    // The ids end where the padding before the offsets begins.
    if (first != 0 || end > offsetsAt || end <= offsetsAt - 8) {
      throw new CorruptIndexException(
          file, "id offsets run from " + first + " to " + end + ", not over the " + offsetsAt + " bytes before them");
    }
    return new DocIdTable(file, body, docs, offsetsAt, slotsAt, slots, end);
  }

  /** Number of documents. */
  public int size() {
    return docs;
  }

  /**
   * The external id of document {@code doc}.
   *
   * @throws IndexOutOfBoundsException when {@code doc} is not in [0, size())
   * @throws UncheckedIOException holding a {@link CorruptIndexException} when the file's offsets
   *     are corrupt (possible only when opened without {@link IndexFile.Verify#CHECKSUM})
   */
  public String id(int doc) {
    Objects.checkIndex(doc, docs);
    long from = idFrom(doc);
    byte[] utf8 = new byte[(int) (idTo(doc) - from)];
    MemorySegment.copy(body, ValueLayout.JAVA_BYTE, from, utf8, 0, utf8.length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * The local document whose id is {@code id}, or -1 when the segment has none. Expected constant
   * time: one hash of the id's bytes, then a walk of a few slots.
   *
   * @throws UncheckedIOException holding a {@link CorruptIndexException} when the table is corrupt
   *     (possible only when opened without {@link IndexFile.Verify#CHECKSUM})
   */
  public int find(String id) {
    byte[] key = utf8(id);
    if (key == null || key.length == 0 || key.length > MAX_ID_BYTES) {
      return -1; // no such id can be stored
    }
    MemorySegment keySegment = MemorySegment.ofArray(key);
    int slot = Murmur3.hash32(key) & slotMask;
    // At least half the slots are empty, so the walk ends; the bound only guards a corrupt table.
    for (int probes = 0; probes <= slotMask; probes++) {
      int entry = body.get(I32, slotsAt + 4L * slot);
      if (entry == 0) {
        return -1;
      }
      int doc = entry - 1;
      if (doc < 0 || doc >= docs) {
        throw corrupt("slot " + slot + " names document " + doc + " of " + docs);
      }
      long from = idFrom(doc);
      long length = idTo(doc) - from;
      if (length == key.length && MemorySegment.mismatch(body, from, from + length, keySegment, 0, length) < 0) {
        return doc;
      }
      slot = (slot + 1) & slotMask;
    }
    throw corrupt("the hash table has no empty slot");
  }

  /** Whether documents {@code a} and {@code b} have the same id (for the writer's duplicate check). */
  boolean sameId(int a, int b) {
    long fromA = idFrom(a);
    long fromB = idFrom(b);
    return MemorySegment.mismatch(body, fromA, idTo(a), body, fromB, idTo(b)) < 0;
  }

  /** The table size for {@code docs} documents: the smallest power of two &gt;= max(2, 2 * docs). */
  static int slotCount(int docs) {
    return docs == 0 ? 2 : Integer.highestOneBit(2 * docs - 1) << 1;
  }

  /**
   * The UTF-8 bytes of {@code id}, or null when it holds an unpaired surrogate: such a string has
   * no UTF-8 form, and {@link String#getBytes} would silently replace the surrogate by '?'.
   */
  static byte[] utf8(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return null;
      }
    }
    return id.getBytes(StandardCharsets.UTF_8);
  }

  private long idFrom(int doc) {
    long from = body.get(I64, offsetsAt + 8L * doc);
    if (from < 0 || from >= idBytesEnd) {
      throw corrupt("document " + doc + "'s id starts at " + from + ", outside the " + idBytesEnd + " id bytes");
    }
    return from;
  }

  private long idTo(int doc) {
    long from = body.get(I64, offsetsAt + 8L * doc);
    long to = body.get(I64, offsetsAt + 8L * (doc + 1));
    if (to <= from || to > idBytesEnd || to - from > MAX_ID_BYTES) {
      throw corrupt("document " + doc + "'s id spans bytes [" + from + ", " + to + ") of " + idBytesEnd);
    }
    return to;
  }

  private UncheckedIOException corrupt(String problem) {
    CorruptIndexException e = new CorruptIndexException(file, problem);
    return new UncheckedIOException(e.getMessage(), e);
  }
}
