package lsr.index.docs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;

/**
 * A segment's stored documents, read from {@code docs.lsr} (kind {@link FileKind#STORED_DOCUMENTS},
 * written by {@link StoredDocumentsWriter}) through a read-only memory mapping. Documents are
 * compressed in blocks of a fixed count; a lookup finds the block by division and inflates it into
 * a fresh array, so concurrent lookups share nothing mutable. Thread-safe when the arena is shared.
 *
 * <p>The body, little-endian; {@code Pad8} is zero bytes up to the next multiple of 8 of the offset:
 *
 * <pre>
 * Body         := Block[Blocks] Pad8 BlockStarts:i64[Blocks + 1] Docs:i32 DocsPerBlock:i32
 * Blocks       = ceil(Docs / DocsPerBlock); block b holds documents b * DocsPerBlock up to
 *                min(Docs, (b + 1) * DocsPerBlock) - 1 and spans Body[BlockStarts[b], BlockStarts[b + 1])
 * Block        := InflatedLength:i32 Zlib:byte[*]
 * Zlib         a zlib stream (RFC 1950: Deflate with an Adler-32 of the content) of InflatedLength
 *              bytes, which are:
 * Inflated     := Record[n] RecordStarts:i32[n + 1]
 *              n documents; record k is Inflated[RecordStarts[k], RecordStarts[k + 1]) and
 *              RecordStarts[n] is where the starts begin
 * Record       := Id:Str Title:Str Text:Str FieldCount:i32 Field[FieldCount]
 * Field        := Name:Str Type:u8 Value          in ascending order of name
 * Value        := Str                             Type 0: string
 *               | f64                             Type 1: number
 *               | Count:i32 Str[Count]            Type 2: keywords
 * Str          := Length:i32 Utf8:byte[Length]
 * </pre>
 */
public final class StoredDocuments {

  static final byte STRING = 0;
  static final byte NUMBER = 1;
  static final byte KEYWORDS = 2;
  /** Largest inflated block: it must fit a Java array. */
  static final int MAX_BLOCK_BYTES = Integer.MAX_VALUE - 16;

  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Deflate cannot expand data more than 1032 times: a larger claim is corrupt, not allocated. */
  private static final int MAX_INFLATION = 1032;

  private final Path file;
  private final MemorySegment body;
  private final int docs;
  private final int docsPerBlock;
  private final long startsAt;
  /** BlockStarts[Blocks]: no block may reach past it. */
  private final long blocksEnd;

  private StoredDocuments(Path file, MemorySegment body, int docs, int docsPerBlock, long startsAt, long blocksEnd) {
    this.file = file;
    this.body = body;
    this.docs = docs;
    this.docsPerBlock = docsPerBlock;
    this.startsAt = startsAt;
    this.blocksEnd = blocksEnd;
  }

  /**
   * Maps {@code file} into {@code arena} (which owns the mapping: the documents must not be read
   * once it is closed).
   *
   * @throws CorruptIndexException when the file is not a complete stored-documents file, its
   *     block table does not match its counts, or (with {@link IndexFile.Verify#CHECKSUM}) it fails
   *     its checksum
   */
  public static StoredDocuments open(Path file, Arena arena, IndexFile.Verify verify) throws IOException {
    MemorySegment body = IndexFile.map(file, arena, FileKind.STORED_DOCUMENTS, verify);
    long size = body.byteSize();
    if (size < 8) {
      throw new CorruptIndexException(file, "body of " + size + " bytes has no counts at its end");
    }
    int docs = body.get(I32, size - 8);
    int docsPerBlock = body.get(I32, size - 4);
    if (docs < 0 || docsPerBlock < 1) {
      throw new CorruptIndexException(
          file, "counts at the body's end (" + docs + " documents, " + docsPerBlock + " a block) are inconsistent");
    }
    long blocks = ((long) docs + docsPerBlock - 1) / docsPerBlock;
    long startsAt = size - 8 - 8 * (blocks + 1);
    if (startsAt < 0 || startsAt % 8 != 0) {
      throw new CorruptIndexException(
          file, "body of " + size + " bytes cannot hold the block table of " + docs + " documents");
    }
    long first = body.get(I64, startsAt);
    long end = body.get(I64, startsAt + 8 * blocks);
    // The blocks end where the padding before their table begins.
    if (first != 0 || end > startsAt || end <= startsAt - 8) {
      throw new CorruptIndexException(
          file, "blocks run from " + first + " to " + end + ", not over the " + startsAt + " bytes before their table");
    }
    return new StoredDocuments(file, body, docs, docsPerBlock, startsAt, end);
  }

  /** Number of documents. */
  public int size() {
    return docs;
  }

  /**
   * Document {@code doc}: its block is inflated and the record read, in time independent of the
   * number of documents.
   *
   * @throws IndexOutOfBoundsException when {@code doc} is not in [0, size())
   * @throws CorruptIndexException naming the file and the document when its block does not inflate
   *     or its record does not follow the grammar (possible only when opened without
   *     {@link IndexFile.Verify#CHECKSUM})
   */
  public Document document(int doc) throws CorruptIndexException {
    Objects.checkIndex(doc, docs);
    int block = doc / docsPerBlock;
    int first = block * docsPerBlock;
    int inBlock = Math.min(docsPerBlock, docs - first);
    ByteBuffer inflated = inflate(doc, block);
    long startsAt = inflated.limit() - 4L * (inBlock + 1);
    if (startsAt < 0) {
      throw corrupt(doc, "block " + block + " inflates to " + inflated.limit() + " bytes, too few for "
          + inBlock + " record starts");
    }
    int from = inflated.getInt((int) startsAt + 4 * (doc - first));
    int to = inflated.getInt((int) startsAt + 4 * (doc - first + 1));
    if (from < 0 || to < from || to > startsAt) {
      throw corrupt(doc, "its record spans [" + from + ", " + to + ") of the " + startsAt + " record bytes of block " + block);
    }
    return new RecordReader(inflated.limit(to).position(from), doc).document();
  }

  /**
   * The inflated content of {@code block}, checked against its recorded length and its Adler-32,
   * in a fresh array (the limit is its length).
   */
  private ByteBuffer inflate(int doc, int block) throws CorruptIndexException {
    long from = body.get(I64, startsAt + 8L * block);
    long to = body.get(I64, startsAt + 8L * (block + 1));
    if (from < 0 || to <= from + 4 || to > blocksEnd) {
      throw corrupt(doc, "block " + block + " spans [" + from + ", " + to + ") of the " + blocksEnd + " block bytes");
    }
    int length = body.get(I32, from);
    long compressed = to - from - 4;
    if (length < 0 || length > MAX_BLOCK_BYTES || length > MAX_INFLATION * compressed) {
      throw corrupt(doc, "block " + block + " claims to inflate to " + length + " bytes from " + compressed);
    }
    // One spare byte, so that a stream longer than recorded shows as such instead of stopping at
    // a full buffer.
    byte[] inflated = new byte[length + 1];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(body.asSlice(from + 4, compressed).asByteBuffer());
      int produced = 0;
      while (!inflater.finished() && produced < inflated.length) {
        int n = inflater.inflate(inflated, produced, inflated.length - produced);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        produced += n;
      }
      if (!inflater.finished() || produced != length || inflater.getRemaining() != 0) {
        throw corrupt(doc, "block " + block + " does not inflate to its recorded " + length + " bytes");
      }
    } catch (DataFormatException e) {
      throw corrupt(doc, "block " + block + " does not inflate: " + e.getMessage());
    } finally {
      inflater.end();
    }
    return ByteBuffer.wrap(inflated, 0, length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private CorruptIndexException corrupt(int doc, String problem) {
    return new CorruptIndexException(file, "document " + doc + ": " + problem);
  }

  /** Reads one record by the grammar, checking every length against the record's end. */
  private final class RecordReader {

    private final ByteBuffer record;
    private final int doc;

    RecordReader(ByteBuffer record, int doc) {
      this.record = record;
      this.doc = doc;
    }

    Document document() throws CorruptIndexException {
      String id = string();
      String title = string();
      String text = string();
      int fieldCount = count();
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      for (int i = 0; i < fieldCount; i++) {
        String name = string();
        fields.put(name, field(name));
      }
      if (record.hasRemaining()) {
        throw corrupt(doc, "its record has " + record.remaining() + " bytes after its last field");
      }
      try {
        return new Document(id, title, text, fields);
      } catch (IllegalArgumentException e) {
        throw corrupt(doc, "its record is not a valid document: " + e.getMessage());
      }
    }

    private FieldValue field(String name) throws CorruptIndexException {
      int type = Byte.toUnsignedInt(need(1).get());
      return switch (type) {
        case STRING -> new FieldValue.Text(string());
        case NUMBER -> {
          double value = need(8).getDouble();
          if (!Double.isFinite(value)) {
            throw corrupt(doc, "field '" + name + "' holds " + value + ", not a finite number");
          }
          yield new FieldValue.Number(value);
        }
        case KEYWORDS -> {
          int n = count();
          List<String> keywords = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            keywords.add(string());
          }
          yield new FieldValue.Keywords(keywords);
        }
        default -> throw corrupt(doc, "field '" + name + "' has unknown type " + type);
      };
    }

    private String string() throws CorruptIndexException {
      int length = need(4).getInt();
      if (length < 0 || length > record.remaining()) {
        throw corrupt(doc, "a string of " + length + " bytes at " + (record.position() - 4)
            + " runs past its record's end " + record.limit());
      }
      String s = new String(record.array(), record.position(), length, StandardCharsets.UTF_8);
      record.position(record.position() + length);
      return s;
    }

    /** A count of items, each of at least 4 bytes: a corrupt count fails here, not in allocation. */
    private int count() throws CorruptIndexException {
      int n = need(4).getInt();
      if (n < 0 || n > record.remaining() / 4) {
        throw corrupt(doc, "a count of " + n + " at " + (record.position() - 4) + " exceeds what its record holds");
      }
      return n;
    }

    private ByteBuffer need(int bytes) throws CorruptIndexException {
      if (record.remaining() < bytes) {
        throw corrupt(doc, "its record ends at " + record.limit() + ", inside a value at " + record.position());
      }
      return record;
    }
  }
}
