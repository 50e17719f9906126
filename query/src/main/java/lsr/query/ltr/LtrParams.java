package lsr.query.ltr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LambdaMART training knobs (XGBoost, objective {@code rank:ndcg}). Defaults are conservative on
 * purpose: the collections this engine is evaluated on have tens to hundreds of judged queries, so
 * shallow trees, a small learning rate and row/column sampling keep the model from memorizing them.
 *
 * @param rounds boosting rounds (trees)
 * @param learningRate shrinkage per tree ({@code eta})
 * @param maxDepth maximum tree depth
 * @param minChildWeight minimum sum of hessians in a leaf
 * @param subsample share of queries' rows sampled per tree
 * @param colsample share of features sampled per tree
 * @param lambda L2 regularization of leaf weights
 * @param seed random seed of XGBoost's sampling
 * @param prior where scores start before the trees (see {@link RankPrior})
 */
public record LtrParams(
    int rounds,
    double learningRate,
    int maxDepth,
    double minChildWeight,
    double subsample,
    double colsample,
    double lambda,
    long seed,
    RankPrior prior) {

  public static final LtrParams DEFAULTS =
      new LtrParams(200, 0.05, 3, 1.0, 0.8, 0.8, 1.0, 42, RankPrior.FUSED_RANK);

  public LtrParams {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
    if (!(subsample > 0 && subsample <= 1) || !(colsample > 0 && colsample <= 1)) {
      throw new IllegalArgumentException("subsample and colsample must be in (0, 1]");
    }
    if (minChildWeight < 0 || lambda < 0) {
      throw new IllegalArgumentException("minChildWeight and lambda must be >= 0");
    }
    if (prior == null) {
      throw new IllegalArgumentException("prior must be given (RankPrior.NONE for none)");
    }
  }

  /** The parameters as XGBoost names them; one thread, so training is reproducible. */
  Map<String, Object> toXgboost() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", "rank:ndcg");
    p.put("eval_metric", "ndcg@10");
    p.put("eta", learningRate);
    p.put("max_depth", maxDepth);
    p.put("min_child_weight", minChildWeight);
    p.put("subsample", subsample);
    p.put("colsample_bytree", colsample);
    p.put("lambda", lambda);
    p.put("seed", seed);
    p.put("nthread", 1);
    p.put("tree_method", "exact");
    return p;
  }

  /** The parameters under the names users give them, for model files and reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", rounds);
    m.put("learningRate", learningRate);
    m.put("maxDepth", maxDepth);
    m.put("minChildWeight", minChildWeight);
    m.put("subsample", subsample);
    m.put("colsample", colsample);
    m.put("lambda", lambda);
    m.put("seed", seed);
    m.put("prior", prior.label());
    return m;
  }
}
