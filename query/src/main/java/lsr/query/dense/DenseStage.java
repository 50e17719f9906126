package lsr.query.dense;

import java.util.function.Function;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;

/** Dense retrieval: a bi-encoder embeds the query, a {@link DenseIndex} finds its nearest documents. */
public final class DenseStage implements RetrievalStage {

  private final String name;
  private final Function<String, float[]> encoder;
  private final DenseIndex index;
  private final AutoCloseable resources;

  /**
   * @param encoder embeds a query (thread-safe)
   * @param resources closed with the stage (the encoder's session), or null
   */
  public DenseStage(String name, Function<String, float[]> encoder, DenseIndex index, AutoCloseable resources) {
    this.name = name;
    this.encoder = encoder;
    this.index = index;
    this.resources = resources;
  }

  @Override
  public String name() {
    return name;
  }

  public DenseIndex index() {
    return index;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long t0 = System.nanoTime();
    float[] q = encoder.apply(query.text());
    long t1 = System.nanoTime();
    Ranking ranking = index.search(q, query.depth(), query.filter() == null ? null : query.filter().allowedIds());
    long t2 = System.nanoTime();
    return new StageResult(ranking, (t1 - t0) / 1000, (t2 - t1) / 1000, null);
  }

  @Override
  public float[] denseVector(String id) {
    return index instanceof FlatDenseIndex flat ? flat.vector(id) : null;
  }

  @Override
  public void close() {
    index.close();
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the dense encoder failed", e);
      }
    }
  }
}
