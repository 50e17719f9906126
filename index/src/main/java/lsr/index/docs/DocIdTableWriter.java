package lsr.index.docs;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;

/**
 * Writes a segment's {@code ids.lsr} (layout in {@link DocIdTable}): the ids stream to the file as
 * they are added, and only their hash and length stay on the heap (8 bytes a document), until
 * {@link #finish()} builds the slot table (4 to 8 bytes a document more). Not thread-safe.
 */
public final class DocIdTableWriter implements Closeable {

  private final Path file;
  private final IndexFileWriter out;
  /** Per document, its id's hash in the high 32 bits and its UTF-8 length in the low 32. */
  private final LongList hashAndLength = new LongList();
  private boolean finishing;
  private boolean done;

  private DocIdTableWriter(Path file, IndexFileWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Creates {@code file}, replacing any file there. */
  public static DocIdTableWriter create(Path file) throws IOException {
    return new DocIdTableWriter(file, IndexFileWriter.create(file, FileKind.ID_TABLE));
  }

  /**
   * Adds the id of the next document (0, 1, 2, ...).
   *
   * @throws IllegalArgumentException when the id is empty, not valid Unicode, longer than
   *     {@link DocIdTable#MAX_ID_BYTES} bytes of UTF-8, or the segment is full
   */
  public void add(String id) throws IOException {
    Objects.requireNonNull(id, "id");
    checkWritable();
    byte[] utf8 = DocIdTable.utf8(id);
    if (utf8 == null) {
      throw new IllegalArgumentException("document id '" + preview(id) + "' is not valid Unicode: it holds an unpaired surrogate");
    }
    if (utf8.length == 0) {
      throw new IllegalArgumentException("document id must not be empty (document " + size() + ")");
    }
    if (utf8.length > DocIdTable.MAX_ID_BYTES) {
      throw new IllegalArgumentException("document id '" + preview(id) + "...' is " + utf8.length
          + " bytes of UTF-8, longer than the " + DocIdTable.MAX_ID_BYTES + " allowed");
    }
    if (size() == DocIdTable.MAX_DOCS) {
      throw new IllegalArgumentException("a segment holds at most " + DocIdTable.MAX_DOCS + " documents");
    }
    out.writeBytes(utf8);
    hashAndLength.add((long) Murmur3.hash32(utf8) << 32 | utf8.length);
  }

  /** Number of ids added. */
  public int size() {
    return hashAndLength.size();
  }

  /**
   * Writes the offsets, the hash table and the footer.
   *
   * @throws IllegalArgumentException when two documents have the same id, e.g. "document id 'x'
   *     occurs twice in the segment (documents 3 and 17)"; the file is then deleted
   */
  public void finish() throws IOException {
    checkWritable();
    finishing = true;
    int docs = size();
    out.align(8);
    long offset = 0;
    out.writeLong(offset);
    for (int doc = 0; doc < docs; doc++) {
      offset += length(doc);
      out.writeLong(offset);
    }
    int[] slots = placeAll(docs);
    for (int entry : slots) {
      out.writeInt(entry);
    }
    out.writeInt(docs);
    out.writeInt(slots.length);
    out.finish();
    refuseDuplicates(slots);
    done = true;
  }

  /** Closes the file; one that was not finished, or was refused, is deleted. */
  @Override
  public void close() throws IOException {
    out.close();
    if (!done) {
      Files.deleteIfExists(file);
    }
  }

  /** The slot table of the body: each document in the first empty slot from its home. */
  private int[] placeAll(int docs) {
    int[] slots = new int[DocIdTable.slotCount(docs)];
    int mask = slots.length - 1;
    for (int doc = 0; doc < docs; doc++) {
      int slot = hash(doc) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = doc + 1;
    }
    return slots;
  }

  /**
   * Ids are compared only once the file is complete: their bytes are not kept on the heap, and the
   * last of them may still have been in the writer's buffer. Equal ids have the same home slot, so
   * a document's walk from its home to its own slot passes every earlier document with its id; only
   * documents of the same 32-bit hash are compared byte by byte.
   */
  private void refuseDuplicates(int[] slots) throws IOException {
    int mask = slots.length - 1;
    String duplicate = null;
    try (Arena arena = Arena.ofConfined()) {
      DocIdTable table = DocIdTable.open(file, arena, IndexFile.Verify.STRUCTURE);
      for (int doc = 0; doc < size() && duplicate == null; doc++) {
        int hash = hash(doc);
        for (int slot = hash & mask; slots[slot] != doc + 1; slot = (slot + 1) & mask) {
          int earlier = slots[slot] - 1;
          if (hash(earlier) == hash && table.sameId(earlier, doc)) {
            duplicate = "document id '" + table.id(doc) + "' occurs twice in the segment (documents "
                + earlier + " and " + doc + ")";
            break;
          }
        }
      }
    }
    if (duplicate != null) {
      Files.delete(file);
      throw new IllegalArgumentException(duplicate);
    }
  }

  private int hash(int doc) {
    return (int) (hashAndLength.get(doc) >>> 32);
  }

  private int length(int doc) {
    return (int) hashAndLength.get(doc);
  }

  private void checkWritable() {
    if (finishing) {
      throw new IllegalStateException(file + " is already finished");
    }
  }

  private static String preview(String id) {
    return id.codePoints().limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
