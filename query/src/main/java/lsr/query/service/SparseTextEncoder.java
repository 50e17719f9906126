package lsr.query.service;

import lsr.data.SparseVector;

/** Turns a text into the term weights a sparse model gives it, to explain matches. Thread-safe. */
@FunctionalInterface
public interface SparseTextEncoder {

  /**
   * @param asQuery encode as a query (true) or as a passage (false); models may treat them apart
   */
  SparseVector encode(String text, boolean asQuery);
}
