package lsr.index.collection;

import java.util.List;
import java.util.Set;

/**
 * Which segments to merge. Only adjacent segments are merged, and the merged segment takes their
 * place, so documents keep their collection order and a merge never changes how ties rank.
 *
 * <p>Segments fall in size tiers by the order of magnitude of their live documents (all below
 * {@code minTierDocs} share the lowest tier). When {@code segmentsPerTier} adjacent segments share a
 * tier they are merged into one of the next tier, so a collection fed in small batches holds about
 * {@code segmentsPerTier} segments per tier: logarithmically many, and each document is rewritten
 * about once per tier. A segment with at least {@code expungeShare} of its documents deleted is
 * rewritten alone, dropping them. No merge makes a segment above {@code maxMergedDocs}.
 */
public record MergePolicy(int segmentsPerTier, int minTierDocs, long maxMergedDocs, double expungeShare) {

  public static final MergePolicy DEFAULTS = new MergePolicy(10, 1000, 5_000_000, 0.3);

  public MergePolicy {
    if (segmentsPerTier < 2 || minTierDocs < 1 || maxMergedDocs < 1 || !(expungeShare > 0 && expungeShare <= 1)) {
      throw new IllegalArgumentException("merge policy: segmentsPerTier >= 2, minTierDocs and maxMergedDocs >= 1,"
          + " expungeShare in (0, 1]; got " + this);
    }
  }

  /**
   * A run of adjacent segments to merge now, none of them in {@code merging}; null when none is due.
   */
  List<SegmentInfo> select(List<SegmentInfo> segments, Set<String> merging) {
    for (int start = 0; start + segmentsPerTier <= segments.size(); start++) {
      List<SegmentInfo> run = segments.subList(start, start + segmentsPerTier);
      int tier = tier(run.get(0));
      long live = 0;
      boolean ok = true;
      for (SegmentInfo s : run) {
        ok &= tier(s) == tier && !merging.contains(s.name());
        live += s.live();
      }
      if (ok && live <= maxMergedDocs) {
        return List.copyOf(run);
      }
    }
    for (SegmentInfo s : segments) {
      if (!merging.contains(s.name()) && s.deleted() >= expungeShare * s.documents()) {
        return List.of(s);
      }
    }
    return null;
  }

  private int tier(SegmentInfo s) {
    return (int) Math.floor(Math.log10(Math.max(s.live(), minTierDocs)));
  }

  /**
   * The adjacent run whose merge leaves at most {@code maxSegments} segments, the one of fewest live
   * documents; with {@code maxSegments} 1, a lone segment holding deletions is rewritten. Null when
   * nothing is to do.
   */
  static List<SegmentInfo> forced(List<SegmentInfo> segments, int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be >= 1, got " + maxSegments);
    }
    if (segments.size() <= maxSegments) {
      boolean loneWithDeletions = maxSegments == 1 && segments.size() == 1 && segments.get(0).deleted() > 0;
      return loneWithDeletions ? List.copyOf(segments) : null;
    }
    int length = segments.size() - maxSegments + 1;
    int best = 0;
    long bestLive = Long.MAX_VALUE;
    for (int start = 0; start + length <= segments.size(); start++) {
      long live = segments.subList(start, start + length).stream().mapToLong(SegmentInfo::live).sum();
      if (live < bestLive) {
        bestLive = live;
        best = start;
      }
    }
    return List.copyOf(segments.subList(best, best + length));
  }
}
