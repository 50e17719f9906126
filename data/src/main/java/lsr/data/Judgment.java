package lsr.data;

import java.util.Objects;

/**
 * One relevance judgment of a qrels file. Following trec_eval, a relevance of 0 or below means
 * judged non-relevant; higher values are graded gains.
 */
public record Judgment(String queryId, String docId, int relevance) {

  public Judgment {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(docId, "docId");
  }
}
