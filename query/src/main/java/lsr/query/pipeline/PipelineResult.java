package lsr.query.pipeline;

import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import lsr.query.fusion.Ranking;

/**
 * The answer of a pipeline to one request.
 *
 * @param hits the results, best first
 * @param timings what each step took, in microseconds, in the order they ran: {@code <stage>.encode},
 *     {@code <stage>.search} for each stage, then {@code fusion}, {@code rerank} where they ran, and
 *     {@code total}
 * @param queryVectors the encoded query of each sparse stage, by stage name
 */
public record PipelineResult(List<Hit> hits, Map<String, Long> timings, Map<String, SparseVector> queryVectors) {

  /** One result document. */
  public record Hit(String id, float score, Map<String, StageScore> stages, Float fused, Float reranked) {}

  /** A stage's verdict on a document: its score and 1-based rank there. */
  public record StageScore(float score, int rank) {}

  /** The hits as a ranking (ids and final scores). */
  public Ranking ranking() {
    String[] ids = new String[hits.size()];
    float[] scores = new float[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = hits.get(i).id();
      scores[i] = hits.get(i).score();
    }
    return new Ranking(ids, scores);
  }
}
