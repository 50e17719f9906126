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
   * {@code fused}'s first {@code depth} documents ordered by the model (ties keep the fused order),
   * followed by the rest of {@code fused} in its order, cut at {@code k}. Scores are the model's for
   * the reranked head; the tail's continue below the lowest of them, so score order is rank order.
   */
  public Ranking rerank(Candidates candidates, Ranking fused, String queryText, int k) {
    Ranking top = fused.top(depth);
    int[] docs = new int[top.size()];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = candidates.indexOf(top.id(i));
      if (docs[i] < 0) {
        throw new IllegalArgumentException("fused document " + top.id(i) + " is not among the candidates");
      }
    }
    float[] scores = model.score(features.rows(candidates, docs, features.analyze(queryText)));
    return reorderTop(fused, top.ids(), scores, k);
  }

  /**
   * The first {@code k} of {@code fused} after its head {@code headIds} is reordered by
   * {@code headScores}; the documents after the head keep their order with scores 1, 2, 3, ... below
   * the head's lowest.
   */
  public static Ranking reorderTop(Ranking fused, String[] headIds, float[] headScores, int k) {
    Ranking head = Rankings.byScore(headIds, headScores, headIds.length);
    int n = Math.min(k, fused.size());
    String[] ids = new String[n];
    float[] scores = new float[n];
    float lowest = head.size() == 0 ? 0 : head.score(head.size() - 1);
    for (int i = 0; i < n; i++) {
      if (i < head.size()) {
        ids[i] = head.id(i);
        scores[i] = head.score(i);
      } else {
        ids[i] = fused.id(i);
        scores[i] = lowest - (i - head.size() + 1);
      }
    }
    return new Ranking(ids, scores);
  }
}
