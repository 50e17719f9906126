package lsr.query.pipeline;

import java.util.Objects;

/**
 * What one retrieval stage is asked.
 *
 * @param text the query text (each stage encodes it its own way)
 * @param depth how many candidates to return at most
 * @param filter the documents allowed, or null for all
 * @param sparse overrides of the sparse index's query-time knobs
 * @param snapshots the snapshots the request reads (one per collection, shared by its stages)
 */
public record StageQuery(String text, int depth, DocFilter filter, SparseParams sparse, RequestSnapshots snapshots) {

  public StageQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sparse, "sparse (use SparseParams.DEFAULTS)");
    Objects.requireNonNull(snapshots, "snapshots");
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
  }
}
