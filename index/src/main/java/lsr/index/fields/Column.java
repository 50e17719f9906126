package lsr.index.fields;

import java.io.IOException;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.store.IndexFileWriter;

/** The entries of one field of a loaded field index, by the kind of condition they answer. */
sealed interface Column permits TermColumn, NumberColumn {

  FieldType type();

  /** Gathers one field's entries while a field index is written, then writes its column. */
  interface Builder {

    FieldType type();

    /** Records {@code value}, of this column's type, as the field of {@code doc} (docs come in order). */
    void add(int doc, FieldValue value);

    void write(IndexFileWriter out) throws IOException;
  }

  /** An empty builder for a field of {@code type}. */
  static Builder builder(FieldType type) {
    return type == FieldType.NUMBER ? new NumberColumn.Builder() : new TermColumn.Builder(type);
  }
}
