package lsr.query;

import lsr.index.Hits;
import lsr.index.bm25.Bm25Params;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;
import lsr.index.collection.SnapshotSearch;
import lsr.query.pipeline.CollectionStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;

/** BM25 over a collection's segments, with collection-wide statistics; a filter applies inside the search. */
public final class Bm25Stage extends CollectionStage {

  public static final String NAME = "bm25";

  private final Bm25Params params;

  public Bm25Stage(Collection collection, Bm25Params params) {
    super(NAME, collection, null);
    this.params = params;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long t0 = System.nanoTime();
    Snapshot snapshot = query.snapshots().of(collection());
    Hits hits = SnapshotSearch.bm25(snapshot, query.text(), query.depth(), params,
        query.snapshots().masks(collection(), query.filter()));
    return result(snapshot, hits, t0, t0, null);
  }
}
