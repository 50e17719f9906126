package lsr.query.pipeline;

import java.util.Set;
import lsr.index.fields.FieldFilter;

/**
 * Restricts results to some documents: those named in {@code ids} (any when null) whose metadata
 * match {@code where} (any when null). Every stage applies it during retrieval (not after), so a
 * filter never shortens the result list while allowed documents remain.
 */
public record DocFilter(Set<String> ids, FieldFilter where) {

  public DocFilter {
    ids = ids == null ? null : Set.copyOf(ids);
    if (ids == null && where == null) {
      throw new IllegalArgumentException("a filter names ids, field conditions or both");
    }
  }

  /** A filter on ids only. */
  public static DocFilter ofIds(Set<String> ids) {
    return new DocFilter(ids, null);
  }
}
