package lsr.query.pipeline;

import java.util.Objects;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;

/**
 * One search through a pipeline.
 *
 * @param text the query text
 * @param k how many hits to return
 * @param fusion the fusion method, or null for the pipeline's
 * @param weights the stage weights of the fusion, or null for the pipeline's
 * @param sparse overrides of the sparse index's query-time knobs
 * @param filter the documents allowed, or null for all
 * @param snapshots the snapshots to read, held by the caller to read documents from the same
 *     commits; null to let the pipeline take and release its own
 */
public record PipelineRequest(String text, int k, FusionMethod fusion, FusionWeights weights, SparseParams sparse,
    DocFilter filter, RequestSnapshots snapshots) {

  public PipelineRequest {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sparse, "sparse (use SparseParams.DEFAULTS)");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  public static PipelineRequest of(String text, int k) {
    return new PipelineRequest(text, k, null, null, SparseParams.DEFAULTS, null, null);
  }
}
