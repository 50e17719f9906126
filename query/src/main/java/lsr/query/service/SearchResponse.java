package lsr.query.service;

import java.util.List;
import java.util.Map;
import lsr.query.pipeline.PipelineResult.StageScore;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param query the query text
 * @param pipeline the pipeline that answered
 * @param k the number of hits asked for
 * @param hits the results, best first
 * @param timingsMs what each step took, in milliseconds (stage encode and search, fusion, rerank,
 *     total)
 */
public record SearchResponse(String query, String pipeline, int k, List<Hit> hits, Map<String, Double> timingsMs) {

  /**
   * One result.
   *
   * @param rank 1-based rank
   * @param id external document id
   * @param score the final score (stage, fused or reranked, whichever ordered the list)
   * @param stages each stage's score and rank of this document
   * @param fused the fused score, null when the pipeline has one stage
   * @param reranked the learning-to-rank score, null without reranking
   * @param title the document's title, null when unknown
   * @param text the document's text, null when unknown
   * @param terms the matching terms, by contribution, when explanation was asked for
   */
  public record Hit(
      int rank,
      String id,
      float score,
      Map<String, StageScore> stages,
      Float fused,
      Float reranked,
      String title,
      String text,
      List<MatchedTerm> terms) {}

  /**
   * A term the query and the document share in a sparse stage.
   *
   * @param stage the sparse stage
   * @param term the vocabulary token
   * @param queryWeight its weight in the query
   * @param docWeight its weight in the document
   * @param contribution queryWeight × docWeight, its share of the stage's score
   */
  public record MatchedTerm(String stage, String term, float queryWeight, float docWeight, float contribution) {

    public static MatchedTerm of(String stage, String term, float queryWeight, float docWeight) {
      return new MatchedTerm(stage, term, queryWeight, docWeight, queryWeight * docWeight);
    }
  }
}
