package lsr.query;

import java.util.List;
import lsr.data.ScoredDoc;

/**
 * Anything that answers a text query with a ranking of documents: BM25, a learned sparse index, a
 * dense index, a fusion of several. Evaluation, the demo and the server talk to retrievers only
 * through this interface, so a new retrieval method plugs in by implementing it.
 *
 * <p>Implementations are thread-safe: {@link #search} may be called from several threads at once.
 */
public interface Retriever extends AutoCloseable {

  /** A short name for reports and run tags, e.g. {@code bm25}. */
  String name();

  /**
   * The top {@code k} documents for {@code query}, best first, by external document id with their
   * scores (higher is better). Fewer than {@code k} when fewer documents match; empty when none do.
   *
   * @throws IllegalArgumentException when {@code k < 1}
   */
  List<ScoredDoc> search(String query, int k);

  /** Releases the indexes and models the retriever holds. */
  @Override
  void close();
}
