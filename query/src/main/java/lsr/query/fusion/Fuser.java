package lsr.query.fusion;

/** Combines the rankings of several stages into one score per candidate document. */
public interface Fuser {

  /**
   * The fused score of every candidate, indexed like {@code candidates}' documents; higher is
   * better.
   */
  float[] fuse(Candidates candidates, FusionWeights weights);

  /** The best {@code k} candidates by fused score. */
  default Ranking rank(Candidates candidates, FusionWeights weights, int k) {
    return Rankings.byScore(candidates, fuse(candidates, weights), k);
  }
}
