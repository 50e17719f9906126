package lsr.index.docs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFileWriter;

/**
 * Writes a segment's {@code docs.lsr} (layout in {@link StoredDocuments}): records gather in one
 * block on the heap, each full block is compressed and streamed to the file, and only the block's
 * offset stays behind. Not thread-safe.
 */
public final class StoredDocumentsWriter implements Closeable {

  /**
   * Documents a block holds: short passages compress better together than alone (they share
   * words), and a lookup inflates at most fifteen documents it does not need.
   */
  static final int DOCS_PER_BLOCK = 16;
  /** Most record bytes of a block, leaving room for the record starts. */
  private static final int MAX_RECORD_BYTES = StoredDocuments.MAX_BLOCK_BYTES - 4 * (DOCS_PER_BLOCK + 1);

  private final Path file;
  private final IndexFileWriter out;
  /** File offset of the body's first byte: block starts are recorded relative to it. */
  private final long bodyStart;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
  private final byte[] compressed = new byte[64 << 10];
  /** Body offset of each block written. */
  private final LongList blockStarts = new LongList();
  /** The records of the block being filled, in block[0, used), then (when full) their starts. */
  private byte[] block = new byte[64 << 10];
  private int used;
  private final int[] recordStarts = new int[DOCS_PER_BLOCK + 1];
  private int inBlock;
  private int docs;
  private boolean finished;

  private StoredDocumentsWriter(Path file, IndexFileWriter out) {
    this.file = file;
    this.out = out;
    this.bodyStart = out.position();
  }

  /** Creates {@code file}, replacing any file there. */
  public static StoredDocumentsWriter create(Path file) throws IOException {
    return new StoredDocumentsWriter(file, IndexFileWriter.create(file, FileKind.STORED_DOCUMENTS));
  }

  /**
   * Adds the next document (0, 1, 2, ...).
   *
   * @throws IllegalArgumentException when the document, with those before it in its block, does not
   *     fit a block's 2 GiB
   */
  public void add(Document doc) throws IOException {
    Objects.requireNonNull(doc, "doc");
    checkWritable();
    if (docs == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a segment holds at most " + Integer.MAX_VALUE + " documents");
    }
    int start = used;
    boolean fits;
    try {
      putRecord(doc);
      fits = used <= MAX_RECORD_BYTES;
    } catch (IllegalArgumentException pastLargestArray) {
      fits = false;
    }
    if (!fits) {
      used = start;
      throw new IllegalArgumentException("document '" + doc.id() + "' cannot be stored: with the documents before it"
          + " in its block it takes more than the " + MAX_RECORD_BYTES + " bytes a block holds");
    }
    recordStarts[inBlock++] = start;
    docs++;
    if (inBlock == DOCS_PER_BLOCK) {
      writeBlock();
    }
  }

  /** Number of documents added. */
  public int size() {
    return docs;
  }

  /** Writes the last block, the block table and the footer. */
  public void finish() throws IOException {
    checkWritable();
    finished = true;
    if (inBlock > 0) {
      writeBlock();
    }
    long blocksEnd = out.position() - bodyStart;
    out.align(8);
    for (int b = 0; b < blockStarts.size(); b++) {
      out.writeLong(blockStarts.get(b));
    }
    out.writeLong(blocksEnd);
    out.writeInt(docs);
    out.writeInt(DOCS_PER_BLOCK);
    out.finish();
    deflater.end();
  }

  /** Closes the file; one that was not finished is deleted. */
  @Override
  public void close() throws IOException {
    deflater.end();
    out.close();
  }

  private void putRecord(Document doc) {
    putString(doc.id());
    putString(doc.title());
    putString(doc.text());
    putInt(doc.fields().size());
    for (Map.Entry<String, FieldValue> field : doc.fields().entrySet()) {
      putString(field.getKey());
      switch (field.getValue()) {
        case FieldValue.Text t -> {
          putByte(StoredDocuments.STRING);
          putString(t.value());
        }
        case FieldValue.Number n -> {
          putByte(StoredDocuments.NUMBER);
          putLong(Double.doubleToRawLongBits(n.value()));
        }
        case FieldValue.Keywords k -> {
          putByte(StoredDocuments.KEYWORDS);
          putInt(k.values().size());
          k.values().forEach(this::putString);
        }
      }
    }
  }

  /** Appends the record starts to the block, then writes it: inflated length, zlib stream. */
  private void writeBlock() throws IOException {
    recordStarts[inBlock] = used;
    for (int k = 0; k <= inBlock; k++) {
      putInt(recordStarts[k]);
    }
    blockStarts.add(out.position() - bodyStart);
    out.writeInt(used);
    deflater.setInput(block, 0, used);
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(compressed);
      out.writeBytes(compressed, 0, n);
    }
    deflater.reset();
    used = 0;
    inBlock = 0;
  }

  private void putString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    putInt(utf8.length);
    room(utf8.length);
    System.arraycopy(utf8, 0, block, used, utf8.length);
    used += utf8.length;
  }

  private void putByte(byte b) {
    room(1);
    block[used++] = b;
  }

  private void putInt(int v) {
    room(4);
    for (int i = 0; i < 4; i++) {
      block[used++] = (byte) (v >>> (8 * i));
    }
  }

  private void putLong(long v) {
    room(8);
    for (int i = 0; i < 8; i++) {
      block[used++] = (byte) (v >>> (8 * i));
    }
  }

  private void room(int bytes) {
    long needed = (long) used + bytes;
    if (needed > StoredDocuments.MAX_BLOCK_BYTES) {
      throw new IllegalArgumentException("past the largest array");
    }
    if (needed > block.length) {
      block = Arrays.copyOf(block, (int) Math.min(StoredDocuments.MAX_BLOCK_BYTES, Math.max(needed, 2L * block.length)));
    }
  }

  private void checkWritable() {
    if (finished) {
      throw new IllegalStateException(file + " is already finished");
    }
  }
}
