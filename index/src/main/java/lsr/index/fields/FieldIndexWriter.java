package lsr.index.fields;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFileWriter;

/**
 * Writes the metadata field index of one segment ({@link FieldsFormat}): documents are added in
 * local order, then {@link #finish()} writes the file. Every column is held in memory until then
 * (term bitmaps, number pairs), which suits segments of up to a few million documents. A field
 * keeps one type within a segment. Not thread-safe.
 */
public final class FieldIndexWriter implements Closeable {

  private final IndexFileWriter out;
  /** By field name, sorted as the file lists them. */
  private final Map<String, Column.Builder> columns = new TreeMap<>();
  private int docs;

  private FieldIndexWriter(IndexFileWriter out) {
    this.out = out;
  }

  /** Creates (or replaces) {@code file}; it holds a valid index only once {@link #finish()} has run. */
  public static FieldIndexWriter create(Path file) throws IOException {
    return new FieldIndexWriter(IndexFileWriter.create(file, FileKind.FIELDS));
  }

  /**
   * Adds the fields of the next document (doc 0, 1, 2, ...); may be empty. A refused document
   * changes nothing: the next one added takes its number.
   *
   * @throws IllegalArgumentException when a field's type differs from an earlier document's
   *     (naming the field, both types and the doc), a field name is not valid, or a string holds a
   *     lone UTF-16 surrogate (it has no UTF-8 form)
   */
  public void add(Map<String, FieldValue> fields) throws IOException {
    // Everything is checked before anything is recorded, so a refused document leaves no trace.
    for (Map.Entry<String, FieldValue> e : fields.entrySet()) {
      String name = FieldValue.checkName(e.getKey());
      FieldType type = e.getValue().type();
      Column.Builder column = columns.get(name);
      FieldType earlier = column == null ? type : column.type();
      if (earlier != type) {
        throw new IllegalArgumentException("field '" + name + "' of doc " + docs + " has type " + type.id()
            + ", but earlier docs gave it type " + earlier.id() + "; a field keeps one type within a segment");
      }
      if (type != FieldType.NUMBER && !TermColumn.terms(e.getValue()).stream().allMatch(TermColumn::encodable)) {
        throw new IllegalArgumentException(
            "field '" + name + "' of doc " + docs + " holds a string with a lone UTF-16 surrogate");
      }
    }
    for (Map.Entry<String, FieldValue> e : fields.entrySet()) {
      FieldType type = e.getValue().type();
      columns.computeIfAbsent(e.getKey(), name -> Column.builder(type)).add(docs, e.getValue());
    }
    docs++;
  }

  /** Documents added so far. */
  public int size() {
    return docs;
  }

  /** Writes the file; add nothing after. */
  public void finish() throws IOException {
    out.writeInt(docs);
    out.writeInt(columns.size());
    for (Map.Entry<String, Column.Builder> e : columns.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
      out.writeByte(name.length);
      out.writeBytes(name);
      out.writeByte(FieldsFormat.code(e.getValue().type()));
      e.getValue().write(out);
    }
    out.finish();
  }

  /** Closes the file; one not {@link #finish() finished} is deleted. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
