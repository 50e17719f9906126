package lsr.index.dense;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.store.CorruptIndexException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Approximate inner-product search over the dense vectors of one segment, on a Lucene HNSW graph:
 * for segments too large to scan ({@link DenseVectors#search} is exact). The Lucene index lives in a
 * folder of its own and holds one Lucene document per local document, in the same order, so a
 * Lucene document number is the local document number and no id lookup is needed. Thread-safe;
 * {@link #close()} releases the index, which must not be searched afterwards.
 */
public final class HnswVectors implements AutoCloseable {

  static final String FIELD = "vector";
  /** Commit data key recording the dimension, which an index without documents cannot tell. */
  static final String DIMENSION = "lsr.dimension";
  /**
   * Candidates the graph search keeps at least (Lucene's k is the beam width, efSearch): a beam of
   * 10 loses recall that 100 keeps at little cost.
   */
  static final int MIN_BEAM = 100;

  private final FSDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int dimension;

  private HnswVectors(FSDirectory directory, DirectoryReader reader, int dimension) {
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // Each search brings a filter of its own; caching them would only hold memory.
    searcher.setQueryCache(null);
    this.dimension = dimension;
  }

  /**
   * Indexes {@code vectors} into {@code folder} (replacing the index there) with the dot-product
   * similarity (the vectors are L2-normalized), one Lucene document per local document in the same
   * order, force-merged to one segment. Documents are added from one thread, so Lucene numbers them
   * in the order added, and a {@link LogDocMergePolicy} merges only adjacent segments, which keeps
   * that order. The order is checked before anything is committed.
   *
   * @throws IllegalStateException when the built index does not hold local document d's vector as
   *     Lucene document d (nothing is committed then)
   */
  public static void build(Path folder, DenseVectors vectors) throws IOException {
    IndexWriterConfig config = new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setMergePolicy(new LogDocMergePolicy())
        .setRAMBufferSizeMB(256)
        // Closing after a failed check must discard the index, not commit it.
        .setCommitOnClose(false);
    try (FSDirectory dir = FSDirectory.open(folder);
        IndexWriter writer = new IndexWriter(dir, config)) {
      for (int doc = 0; doc < vectors.size(); doc++) {
        Document d = new Document();
        d.add(new KnnFloatVectorField(FIELD, vectors.vector(doc), VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(d);
      }
      writer.forceMerge(1);
      try (DirectoryReader built = DirectoryReader.open(writer)) {
        checkOrder(folder, built, vectors);
      }
      writer.setLiveCommitData(Map.of(DIMENSION, Integer.toString(vectors.dimension())).entrySet());
      writer.commit();
    }
  }

  /**
   * Compares every Lucene document's vector with the local document's of the same number: a
   * reordering would silently return wrong documents and apply masks to wrong ones. (Documents
   * with identical vectors are interchangeable in every answer, so equal vectors suffice.)
   */
  static void checkOrder(Path folder, DirectoryReader built, DenseVectors vectors) throws IOException {
    int n = vectors.size();
    if (built.maxDoc() != n || built.leaves().size() != (n == 0 ? 0 : 1)) {
      throw new IllegalStateException(folder + ": Lucene built " + built.maxDoc() + " documents in "
          + built.leaves().size() + " segments from " + n + " vectors, expected one segment");
    }
    if (n == 0) {
      return;
    }
    LeafReader leaf = built.leaves().get(0).reader();
    FloatVectorValues values = leaf.getFloatVectorValues(FIELD);
    for (int ord = 0; ord < n; ord++) {
      if (values.ordToDoc(ord) != ord || !Arrays.equals(values.vectorValue(ord), vectors.vector(ord))) {
        throw new IllegalStateException(folder + ": Lucene document " + values.ordToDoc(ord)
            + " does not hold the vector of local document " + ord + "; the graph would answer with wrong documents");
      }
    }
  }

  /**
   * Opens an index written by {@link #build}.
   *
   * @throws NoSuchFileException when {@code folder} holds no Lucene index
   * @throws CorruptIndexException when the index was not built by {@link #build}
   */
  public static HnswVectors open(Path folder) throws IOException {
    FSDirectory dir = FSDirectory.open(folder);
    DirectoryReader reader = null;
    try {
      reader = DirectoryReader.open(dir);
      String dimension = reader.getIndexCommit().getUserData().get(DIMENSION);
      if (dimension == null || !dimension.matches("[1-9][0-9]{0,5}") || reader.leaves().size() > 1 || reader.hasDeletions()) {
        throw new CorruptIndexException(folder, "not an index of HnswVectors.build (recorded dimension "
            + dimension + ", " + reader.leaves().size() + " segments, deletions: " + reader.hasDeletions() + ")");
      }
      return new HnswVectors(dir, reader, Integer.parseInt(dimension));
    } catch (IndexNotFoundException e) {
      dir.close();
      throw new NoSuchFileException(folder.toString(), null, "no HNSW index here; build it with HnswVectors.build");
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.close();
      }
      dir.close();
      throw e;
    }
  }

  /** Number of documents: the segment's documents are 0 .. size() - 1. */
  public int size() {
    return reader.maxDoc();
  }

  public int dimension() {
    return dimension;
  }

  /**
   * Approximate top {@code k} by inner product among the documents {@code mask} accepts, as local
   * documents. The mask is a filter inside the graph search, so it costs no recall (Lucene scores
   * every accepted document exactly when few are accepted, or when the filtered walk visits too
   * many). Scores are the dot products, mapped back from Lucene's {@code (1 + dot) / 2}, so they
   * agree with {@link DenseVectors#search} up to float rounding. The cost's {@code docsScored}
   * counts the vectors compared.
   *
   * @throws IllegalArgumentException when {@code query} has another dimension or {@code k < 1}
   */
  public Hits search(float[] query, int k, DocMask mask) {
    long start = System.nanoTime();
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, the vectors " + dimension);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    CountingKnnQuery knn = new CountingKnnQuery(query, Math.max(k, MIN_BEAM), mask.acceptsAll() ? null : new MaskQuery(mask));
    TopDocs top;
    try {
      top = searcher.search(knn, k);
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
    }
    int[] docs = new int[top.scoreDocs.length];
    float[] scores = new float[docs.length];
    for (int i = 0; i < docs.length; i++) {
      ScoreDoc hit = top.scoreDocs[i];
      docs[i] = hit.doc;
      scores[i] = 2 * hit.score - 1;
    }
    return new Hits(docs, scores, new SearchCost(0, 0, 0, knn.compared, (System.nanoTime() - start) / 1000));
  }

  /**
   * A kNN query that keeps how many vectors its search compared: Lucene reports it only as the
   * total hits of the per-segment results it merges while rewriting.
   */
  private static final class CountingKnnQuery extends KnnFloatVectorQuery {
    long compared;

    CountingKnnQuery(float[] query, int beam, MaskQuery filter) {
      super(FIELD, query, beam, filter);
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
      TopDocs merged = super.mergeLeafResults(perLeafResults);
      compared = merged.totalHits.value();
      return merged;
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the HNSW index failed", e);
    }
  }
}
