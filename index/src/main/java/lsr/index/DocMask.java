package lsr.index;

import org.roaringbitmap.RoaringBitmap;

/**
 * Which documents of one index a search may return: those in {@code allowed} (every document when
 * null) and not in {@code deleted} (none when null). The two are kept apart because they cost
 * differently: a filter narrows what a search walks, while deletions, a small share of a segment,
 * are only skipped where met, so they never change what an approximate search visits.
 */
public record DocMask(RoaringBitmap allowed, RoaringBitmap deleted) {

  /** Every document. */
  public static final DocMask ALL = new DocMask(null, null);

  public DocMask {
    if (deleted != null && deleted.isEmpty()) {
      deleted = null;
    }
  }

  /** The documents in {@code allowed} (all when null). */
  public static DocMask allowing(RoaringBitmap allowed) {
    return new DocMask(allowed, null);
  }

  /** Whether a search may return {@code doc}. */
  public boolean accepts(int doc) {
    return (allowed == null || allowed.contains(doc)) && (deleted == null || !deleted.contains(doc));
  }

  /** Whether the mask lets every document through. */
  public boolean acceptsAll() {
    return allowed == null && deleted == null;
  }

  /** How many documents of an index of {@code size} documents the mask accepts. */
  public long accepted(int size) {
    if (allowed == null) {
      return size - (deleted == null ? 0 : deleted.rangeCardinality(0, size));
    }
    long inRange = allowed.rangeCardinality(0, size);
    return deleted == null ? inRange : inRange - RoaringBitmap.and(allowed, deleted).rangeCardinality(0, size);
  }
}
