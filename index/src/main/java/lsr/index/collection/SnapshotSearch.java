package lsr.index.collection;

import java.util.ArrayList;
import java.util.List;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.SearcherPool;
import lsr.index.TopK;
import lsr.index.bm25.Bm25Params;
import lsr.index.dense.HnswVectors;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicParts;
import lsr.index.seismic.SeismicSearcher;

/**
 * Top-k searches over every segment of a snapshot, answered in global document numbers: each
 * segment is searched with its mask, and the per-segment top k lists are merged into one (ties to
 * the smaller global number, as in one index holding every segment in order).
 */
public final class SnapshotSearch {

  private SnapshotSearch() {}

  /**
   * The approximate top {@code k} of sparse index {@code index} for {@code query}: the segments are
   * searched as one index (see {@link SeismicParts}), sharing one top k.
   */
  public static Hits sparse(Snapshot snapshot, String index, SparseVector query, int k, SearchParams params,
      List<DocMask> masks) {
    List<Segment> segments = snapshot.segments();
    List<SeismicSearcher> searchers = new ArrayList<>(segments.size());
    int[] bases = new int[segments.size()];
    try {
      for (int i = 0; i < segments.size(); i++) {
        SearcherPool<SeismicSearcher> pool = segments.get(i).searchers(index);
        if (pool == null) {
          throw new IllegalArgumentException("the collection has no sparse index '" + index + "'");
        }
        searchers.add(pool.borrow());
        bases[i] = snapshot.base(i);
      }
      return SeismicParts.search(searchers, bases, masks, query, k, params);
    } finally {
      for (int i = 0; i < searchers.size(); i++) {
        segments.get(i).searchers(index).release(searchers.get(i));
      }
    }
  }

  /** The top {@code k} of dense index {@code index} by inner product (HNSW in segments that have a graph). */
  public static Hits dense(Snapshot snapshot, String index, float[] query, int k, List<DocMask> masks) {
    long start = System.nanoTime();
    TopK top = new TopK(k);
    List<Segment> segments = snapshot.segments();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.dense(index) == null) {
        throw new IllegalArgumentException("the collection has no dense index '" + index + "'");
      }
      HnswVectors graph = s.hnsw(index);
      Hits hits = graph != null ? graph.search(query, k, masks.get(i)) : s.dense(index).search(query, k, masks.get(i));
      offer(top, hits, snapshot.base(i));
    }
    return top.toHits(new SearchCost(0, 0, 0, 0, (System.nanoTime() - start) / 1000));
  }

  /** The top {@code k} by BM25 with collection-wide statistics. */
  public static Hits bm25(Snapshot snapshot, String query, int k, Bm25Params params, List<DocMask> masks) {
    if (snapshot.segments().isEmpty()) {
      return Hits.empty(SearchCost.NONE);
    }
    return snapshot.bm25(params).search(query, k, masks);
  }

  private static void offer(TopK top, Hits hits, int base) {
    for (int j = 0; j < hits.size(); j++) {
      top.offer(base + hits.doc(j), hits.score(j));
    }
  }
}
