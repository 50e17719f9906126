package lsr.query.pipeline;

/**
 * One source of candidates in a pipeline: BM25, a sparse (SPLADE, uniCOIL) or a dense index, with
 * the query encoding it needs. Implementations are thread-safe.
 */
public interface RetrievalStage extends AutoCloseable {

  /** The stage's name in pipelines, features, weights and responses: {@code bm25}, {@code splade}, ... */
  String name();

  /** The best {@code query.depth()} documents for the query that the filter allows. */
  StageResult retrieve(StageQuery query);

  /**
   * The stored sparse vector of document {@code id}, to explain a match; null when the stage keeps
   * none (BM25, dense) or does not know the document.
   */
  default lsr.data.SparseVector documentVector(String id) {
    return null;
  }

  /**
   * The stored dense vector of document {@code id}, for feedback features; null when the stage keeps
   * none or does not know the document.
   */
  default float[] denseVector(String id) {
    return null;
  }

  @Override
  default void close() {}
}
