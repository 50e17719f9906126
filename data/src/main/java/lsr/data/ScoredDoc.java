package lsr.data;

import java.util.Objects;

/**
 * A retrieved document and its score, by external id.
 *
 * @param docId the external document id
 * @param score the retrieval score (higher is better)
 */
public record ScoredDoc(String docId, double score) {

  public ScoredDoc {
    Objects.requireNonNull(docId, "docId");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score of " + docId + " is NaN");
    }
  }
}
