package lsr.query.ltr;

import lsr.data.SparseVector;

/**
 * The stored representation of a document in each stage, for pseudo-relevance feedback features:
 * how close a candidate is to the other top candidates in that stage's space.
 */
public interface DocumentVectors {

  /** The stage's dense vector of the document, or null when the stage has none. */
  float[] dense(String stage, String docId);

  /** The stage's sparse vector of the document, or null when the stage has none. */
  SparseVector sparse(String stage, String docId);
}
