package lsr.query.ltr;

/**
 * The candidates of one query as learning to rank sees them: a feature row per document and, for
 * training, a graded relevance label per document (0 for unjudged or non-relevant).
 *
 * @param queryId the query's external id
 * @param docIds external document ids, one per row, in the order of the ranking being reranked
 * @param features one row of {@code featureCount} values per document; NaN means missing
 * @param labels relevance grades, one per document (all 0 when unknown)
 */
public record QueryGroup(String queryId, String[] docIds, float[][] features, float[] labels) {

  public QueryGroup {
    if (docIds.length != features.length || docIds.length != labels.length) {
      throw new IllegalArgumentException("query " + queryId + ": " + docIds.length + " documents, "
          + features.length + " feature rows, " + labels.length + " labels");
    }
    for (int i = 1; i < features.length; i++) {
      if (features[i].length != features[0].length) {
        throw new IllegalArgumentException("query " + queryId + ": feature row " + i + " has "
            + features[i].length + " values, row 0 has " + features[0].length);
      }
    }
  }

  public int size() {
    return docIds.length;
  }

  /** Whether any document has a positive label: only such groups teach a ranker anything. */
  public boolean hasRelevant() {
    for (float label : labels) {
      if (label > 0) {
        return true;
      }
    }
    return false;
  }
}
