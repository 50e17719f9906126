package lsr.query.ltr;

/** Collection statistics of analyzed terms, for IDF-weighted features. */
public interface TermStatistics {

  /** Number of documents in the collection. */
  int documentCount();

  /** Number of documents containing {@code term} (an analyzed term). */
  int documentFrequency(String term);

  /** BM25's inverse document frequency, log(1 + (N - df + 0.5) / (df + 0.5)), never negative. */
  default double idf(String term) {
    int n = documentCount();
    int df = Math.min(documentFrequency(term), n);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
