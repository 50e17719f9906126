package lsr.query.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.encoder.DenseEncoder;
import lsr.encoder.ParallelEncoding;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.collection.IndexedDocument;
import lsr.query.ltr.CorpusStatistics;

/**
 * The encoders of a collection's indexes, by index name: they turn documents to add into the
 * vectors the collection holds (the passage is the title then the text, as for every index). A
 * document may bring a ready vector for an index; that one is kept and its encoder not run.
 */
public final class DocumentEncoders implements AutoCloseable {

  /**
   * A document to add, with the vectors it comes with (none, or some of the indexes').
   *
   * @param document id, title, text, fields
   * @param sparse ready sparse vectors by index name
   * @param dense ready dense vectors by index name
   */
  public record Incoming(Document document, Map<String, SparseVector> sparse, Map<String, float[]> dense) {
    public Incoming {
      sparse = Map.copyOf(sparse);
      dense = Map.copyOf(dense);
    }
  }

  private final Map<String, SparseEncoder> sparse;
  private final Map<String, DenseEncoder> dense;

  DocumentEncoders(Map<String, SparseEncoder> sparse, Map<String, DenseEncoder> dense) {
    this.sparse = Map.copyOf(sparse);
    this.dense = Map.copyOf(dense);
  }

  /** The sparse encoder of index {@code name}, or null. */
  public SparseEncoder sparse(String name) {
    return sparse.get(name);
  }

  /** The dense encoder of index {@code name}, or null. */
  public DenseEncoder dense(String name) {
    return dense.get(name);
  }

  /**
   * Encodes what the documents lack, on {@code threads} threads per index, and returns them ready for
   * the collection, in order.
   */
  public List<IndexedDocument> encode(List<Incoming> documents, int threads) {
    List<Map<String, SparseVector>> sparseVectors = new ArrayList<>();
    List<Map<String, float[]>> denseVectors = new ArrayList<>();
    for (Incoming d : documents) {
      sparseVectors.add(new LinkedHashMap<>(d.sparse()));
      denseVectors.add(new LinkedHashMap<>(d.dense()));
    }
    sparse.forEach((name, encoder) -> fill(documents, name, sparseVectors,
        texts -> encoder.encode(texts, TextKind.PASSAGE), encoder.textsPerRun(), threads));
    dense.forEach((name, encoder) -> fill(documents, name, denseVectors,
        texts -> encoder.encode(texts, TextKind.PASSAGE), encoder.textsPerRun(), threads));
    List<IndexedDocument> ready = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      ready.add(new IndexedDocument(documents.get(i).document(), sparseVectors.get(i), denseVectors.get(i)));
    }
    return ready;
  }

  /** Encodes, for index {@code name}, the documents that do not bring its vector. */
  private static <V> void fill(List<Incoming> documents, String name, List<Map<String, V>> vectors,
      Function<List<String>, List<V>> encode, int textsPerRun, int threads) {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      if (!vectors.get(i).containsKey(name)) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    int chunk = Math.max(1, Math.min(ParallelEncoding.chunkSize(textsPerRun), (missing.size() + threads - 1) / threads));
    try (ParallelEncoding<V> pool = new ParallelEncoding<>(encode, threads, chunk)) {
      pool.run(missing.iterator(), i -> CorpusStatistics.passage(documents.get(i).document()),
          (i, vector) -> vectors.get(i).put(name, vector));
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>(sparse.values());
    all.addAll(dense.values());
    RuntimeException failure = null;
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        failure = failure == null ? new IllegalStateException("closing an encoder failed", e) : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
