package lsr.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lsr.data.Document;
import lsr.data.ScoredDoc;
import lsr.index.Hits;
import lsr.index.bm25.Bm25Index;
import lsr.index.bm25.Bm25IndexBuilder;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;

/** BM25 over a Lucene index built by {@link lsr.index.bm25.Bm25IndexBuilder}. */
public final class Bm25Retriever implements Retriever {

  private final Bm25Index index;

  private Bm25Retriever(Bm25Index index) {
    this.index = index;
  }

  /**
   * Indexes {@code documents} into {@code folder} (replacing what is there) and opens the index.
   */
  public static Bm25Retriever build(Path folder, Iterator<Document> documents, TextAnalyzer analyzer,
      Bm25Params params) throws IOException {
    Bm25IndexBuilder.build(folder, documents, analyzer);
    return open(folder, params);
  }

  /** Opens the index in {@code folder}, to search with {@code params}. */
  public static Bm25Retriever open(Path folder, Bm25Params params) throws IOException {
    return new Bm25Retriever(Bm25Index.open(folder, params));
  }

  /** The underlying index, for stored documents and analysis. */
  public Bm25Index index() {
    return index;
  }

  @Override
  public String name() {
    return "bm25";
  }

  @Override
  public List<ScoredDoc> search(String query, int k) {
    Hits hits = index.search(query, k);
    String[] ids = index.externalIds(hits.docs());
    List<ScoredDoc> ranked = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      ranked.add(new ScoredDoc(ids[i], hits.score(i)));
    }
    return ranked;
  }

  @Override
  public void close() {
    try {
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
