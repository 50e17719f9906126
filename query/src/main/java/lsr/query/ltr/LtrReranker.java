package lsr.query.ltr;

import lsr.query.fusion.Candidates;
import lsr.query.fusion.Ranking;
import lsr.query.fusion.Rankings;

/**
 * Reorders the top of a fused ranking by a learning-to-rank model. Only the first {@code depth}
 * documents are scored: reranking is the expensive step, and documents deeper than that rarely reach
 * the top. Thread-safe.
 */
public final class LtrReranker {

  public static final int DEFAULT_DEPTH = 100;

  private final LtrFeatures features;
  private final LtrModel model;
  private final int depth;

  /**
   * @throws IllegalArgumentException when the model was trained on other features
   */
  public LtrReranker(LtrFeatures features, LtrModel model, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("rerank depth must be >= 1, got " + depth);
    }
    model.requireFeatures(features.names());
    this.features = features;
    this.model = model;
    this.depth = depth;
  }

  public int depth() {
    return depth;
  }

  public LtrFeatures features() {
    return features;
  }

  /**
   * The best {@code k} of the first max(depth, k) documents of {@code fused}, by model score (ties
   * keep the fused order); scores are the model's.
   */
  public Ranking rerank(Candidates candidates, Ranking fused, String queryText, int k) {
    Ranking top = fused.top(Math.max(depth, k));
    int[] docs = new int[top.size()];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = candidates.indexOf(top.id(i));
      if (docs[i] < 0) {
        throw new IllegalArgumentException("fused document " + top.id(i) + " is not among the candidates");
      }
    }
    float[] scores = model.score(features.rows(candidates, docs, features.analyze(queryText)));
    return Rankings.byScore(top.ids(), scores, k);
  }
}
