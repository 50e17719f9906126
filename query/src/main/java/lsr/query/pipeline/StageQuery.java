package lsr.query.pipeline;

import java.util.Objects;

/**
 * What one retrieval stage is asked.
 *
 * @param text the query text (each stage encodes it its own way)
 * @param depth how many candidates to return at most
 * @param filter the documents allowed, or null for all
 * @param sparse overrides of the sparse index's query-time knobs
 */
public record StageQuery(String text, int depth, DocFilter filter, SparseParams sparse) {

  public StageQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sparse, "sparse (use SparseParams.DEFAULTS)");
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
  }

  public static StageQuery of(String text, int depth) {
    return new StageQuery(text, depth, null, SparseParams.DEFAULTS);
  }
}
