package lsr.data;

import java.util.Objects;

/**
 * A document's dense vector as {@code lsr encode --encoder dense} writes it.
 *
 * @param id the document id
 * @param vector its embedding
 */
public record DenseVectorRecord(String id, float[] vector) {

  public DenseVectorRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
  }
}
