package lsr.data;

import java.util.Objects;

/**
 * One learned-sparse document or query: its external id, its term-weight vector and, when the file
 * carries it, its text.
 *
 * @param id the external id as the collection spells it; never empty
 * @param vector the term weights, over the vocabulary the reader or encoder used
 * @param text the document or query text; empty when the source has none
 */
public record VectorRecord(String id, SparseVector vector, String text) {

  public VectorRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(text, "text (use \"\" when there is none)");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
  }

  /** A record without text. */
  public VectorRecord(String id, SparseVector vector) {
    this(id, vector, "");
  }
}
