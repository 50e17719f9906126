package lsr.data;

import java.util.Objects;

/**
 * One line of a TREC run: {@code qid Q0 docid rank score tag}.
 *
 * @param queryId the query
 * @param docId the retrieved document
 * @param rank the rank the system gave (trec_eval ignores it and orders by score)
 * @param score the score
 * @param tag the run name
 */
public record RunEntry(String queryId, String docId, int rank, double score, String tag) {

  public RunEntry {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(tag, "tag");
  }
}
