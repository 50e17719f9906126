package lsr.query.sparse;

import java.util.function.Function;
import lsr.data.SparseVector;
import lsr.index.Hits;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;
import lsr.index.collection.SnapshotSearch;
import lsr.index.seismic.SearchParams;
import lsr.query.pipeline.CollectionStage;
import lsr.query.pipeline.SparseParams;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;

/**
 * Learned sparse retrieval: a sparse encoder (SPLADE, uniCOIL) turns the query into term weights and
 * the collection's Seismic index of that name, over every segment, finds the documents with the
 * largest inner product. A request's {@code queryCut} and {@code heapFactor} override the stage's
 * Seismic parameters.
 */
public final class SparseStage extends CollectionStage {

  private final Function<String, SparseVector> encoder;
  private final SearchParams params;

  /**
   * @param name the stage's name, which is the collection's sparse index it searches
   * @param encoder turns a query into its sparse vector (thread-safe)
   * @param params Seismic's query-time parameters
   * @param resources closed with the stage (the encoder's session), or null
   */
  public SparseStage(String name, Function<String, SparseVector> encoder, Collection collection, SearchParams params,
      AutoCloseable resources) {
    super(name, collection, resources);
    this.encoder = encoder;
    this.params = params;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long t0 = System.nanoTime();
    SparseVector q = encoder.apply(query.text());
    long t1 = System.nanoTime();
    Snapshot snapshot = query.snapshots().of(collection());
    Hits hits = SnapshotSearch.sparse(snapshot, name(), q, query.depth(), with(params, query.sparse()),
        query.snapshots().masks(collection(), query.filter()));
    return result(snapshot, hits, t0, t1, q);
  }

  static SearchParams with(SearchParams base, SparseParams overrides) {
    SearchParams p = base;
    if (overrides.queryCut() != null) {
      p = p.withQueryCut(overrides.queryCut());
    }
    if (overrides.heapFactor() != null) {
      p = p.withHeapFactor(overrides.heapFactor());
    }
    return p;
  }

  @Override
  public SparseVector documentVector(String id) {
    try (Snapshot s = collection().acquire()) {
      int doc = s.find(id);
      return doc < 0 ? null : s.sparseVector(name(), doc);
    }
  }
}
