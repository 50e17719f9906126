package lsr.query.pipeline;

import lsr.index.Hits;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;
import lsr.query.fusion.Ranking;

/**
 * A stage that searches one index of a {@link Collection}, through the snapshot of the request
 * ({@link StageQuery#snapshots()}). The collection belongs to whoever opened it; the stage closes
 * only its own resources (the query encoder).
 */
public abstract class CollectionStage implements RetrievalStage {

  private final String name;
  private final Collection collection;
  private final AutoCloseable resources;

  protected CollectionStage(String name, Collection collection, AutoCloseable resources) {
    this.name = name;
    this.collection = collection;
    this.resources = resources;
  }

  @Override
  public final String name() {
    return name;
  }

  public final Collection collection() {
    return collection;
  }

  /** The stage's answer: the hits' global numbers named by their ids, with the times taken. */
  protected static StageResult result(Snapshot snapshot, Hits hits, long startNanos, long encodedNanos,
      lsr.data.SparseVector queryVector) {
    String[] ids = new String[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = snapshot.id(hits.doc(i));
    }
    long end = System.nanoTime();
    return new StageResult(new Ranking(ids, hits.scores()), (encodedNanos - startNanos) / 1000,
        (end - encodedNanos) / 1000, queryVector);
  }

  @Override
  public void close() {
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the encoder of stage " + name + " failed", e);
      }
    }
  }
}
