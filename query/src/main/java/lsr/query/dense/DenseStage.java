package lsr.query.dense;

import java.util.function.Function;
import lsr.index.Hits;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;
import lsr.index.collection.SnapshotSearch;
import lsr.query.pipeline.CollectionStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;

/**
 * Dense retrieval: a bi-encoder embeds the query and the collection's dense index of that name finds
 * its nearest documents by inner product (exactly, or through the HNSW graph of large segments).
 */
public final class DenseStage extends CollectionStage {

  private final Function<String, float[]> encoder;

  /**
   * @param name the stage's name, which is the collection's dense index it searches
   * @param encoder embeds a query (thread-safe)
   * @param resources closed with the stage (the encoder's session), or null
   */
  public DenseStage(String name, Function<String, float[]> encoder, Collection collection, AutoCloseable resources) {
    super(name, collection, resources);
    this.encoder = encoder;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long t0 = System.nanoTime();
    float[] q = encoder.apply(query.text());
    long t1 = System.nanoTime();
    Snapshot snapshot = query.snapshots().of(collection());
    Hits hits = SnapshotSearch.dense(snapshot, name(), q, query.depth(),
        query.snapshots().masks(collection(), query.filter()));
    return result(snapshot, hits, t0, t1, null);
  }

  @Override
  public float[] denseVector(String id) {
    try (Snapshot s = collection().acquire()) {
      int doc = s.find(id);
      return doc < 0 ? null : s.denseVector(name(), doc);
    }
  }
}
