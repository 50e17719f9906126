package lsr.index.fields;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.store.IndexFileWriter;
import org.roaringbitmap.RoaringBitmap;

/**
 * A string or keywords field: its distinct terms in ascending order, each with the docs holding it
 * ({@link FieldsFormat TermColumn}). A keyword list is a set here: a doc holding a keyword twice is
 * in its bitmap once.
 */
final class TermColumn implements Column {

  private final FieldType type;
  private final String[] terms;
  private final RoaringBitmap[] docs;

  private TermColumn(FieldType type, String[] terms, RoaringBitmap[] docs) {
    this.type = type;
    this.terms = terms;
    this.docs = docs;
  }

  @Override
  public FieldType type() {
    return type;
  }

  /** The docs holding any of {@code values}; a new bitmap the caller may change. */
  RoaringBitmap matching(List<String> values) {
    RoaringBitmap result = new RoaringBitmap();
    for (String value : values) {
      int i = Arrays.binarySearch(terms, value);
      if (i >= 0) {
        result.or(docs[i]);
      }
    }
    return result;
  }

  /** Reads the column of {@code field} in a segment of {@code docCount} docs. */
  static TermColumn read(BodyReader in, String field, FieldType type, int docCount) throws IOException {
    String where = "field '" + field + "'";
    // A term takes at least its two lengths.
    int n = in.count(where + ": term count", 8);
    String[] terms = new String[n];
    RoaringBitmap[] docs = new RoaringBitmap[n];
    for (int i = 0; i < n; i++) {
      terms[i] = in.utf8(in.count(where + ": term length", 1), where + " term");
      if (i > 0 && terms[i - 1].compareTo(terms[i]) >= 0) {
        throw in.corrupt(where + ": terms out of order at '" + terms[i] + "'");
      }
      docs[i] = bitmap(in, in.take(in.count(where + ": bitmap length", 1), where + " bitmap"), docCount,
          where + ", term '" + terms[i] + "'");
    }
    return new TermColumn(type, terms, docs);
  }

  private static RoaringBitmap bitmap(BodyReader in, MemorySegment bytes, int docCount, String where)
      throws IOException {
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(bytes.asByteBuffer());
    } catch (IOException | RuntimeException e) {
      // RoaringBitmap reports malformed bytes with assorted exceptions.
      throw in.corrupt(where + ": unreadable bitmap (" + e + ")");
    }
    if (bitmap.serializedSizeInBytes() != bytes.byteSize() || !bitmap.validate()) {
      throw in.corrupt(where + ": malformed bitmap");
    }
    if (bitmap.isEmpty()) {
      throw in.corrupt(where + ": empty bitmap");
    }
    long last = Integer.toUnsignedLong(bitmap.last());
    if (last >= docCount) {
      throw in.corrupt(where + ": bitmap names doc " + last + " of a segment of " + docCount + " docs");
    }
    return bitmap;
  }

  /** The terms of a string or keywords value. */
  static List<String> terms(FieldValue value) {
    return switch (value) {
      case FieldValue.Text t -> List.of(t.value());
      case FieldValue.Keywords k -> k.values();
      case FieldValue.Number n -> throw new IllegalArgumentException("a number has no terms");
    };
  }

  /**
   * Whether {@code term} survives UTF-8: a lone surrogate would be written as '?' and read back as
   * another term, out of order or equal to one already there.
   */
  static boolean encodable(String term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < term.length() && Character.isLowSurrogate(term.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Holds each term's bitmap in a sorted map until the file is written: memory grows with the
   * distinct terms and postings of the segment, which is fine up to a few million docs.
   */
  static final class Builder implements Column.Builder {

    private final FieldType type;
    private final Map<String, RoaringBitmap> docs = new TreeMap<>();

    Builder(FieldType type) {
      this.type = type;
    }

    @Override
    public FieldType type() {
      return type;
    }

    @Override
    public void add(int doc, FieldValue value) {
      for (String term : terms(value)) {
        docs.computeIfAbsent(term, t -> new RoaringBitmap()).add(doc);
      }
    }

    @Override
    public void write(IndexFileWriter out) throws IOException {
      out.writeInt(docs.size());
      for (Map.Entry<String, RoaringBitmap> e : docs.entrySet()) {
        byte[] term = e.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeInt(term.length);
        out.writeBytes(term);
        RoaringBitmap bitmap = e.getValue();
        bitmap.runOptimize();
        ByteBuffer bytes = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
        bitmap.serialize(bytes);
        out.writeInt(bytes.capacity());
        out.writeBytes(bytes.array());
      }
    }
  }
}
