package lsr.query.dense;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.query.fusion.Ranking;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;

import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Approximate dense search on Lucene's HNSW graphs, for collections too large to scan. Vectors are
 * indexed with the dot-product similarity (they are L2-normalized); Lucene reports (1 + dot) / 2,
 * which is mapped back to the dot product so scores match {@link FlatDenseIndex}'s. A filter is
 * applied inside the graph search (Lucene falls back to exact search when it is very selective), so
 * it never costs recall.
 */
public final class HnswDenseIndex implements DenseIndex {

  public static final String FOLDER_NAME = "dense.hnsw";
  static final String ID = "id";
  static final String VECTOR = "vector";
  static final int MIN_BEAM = 100;

  private final FSDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int dimension;

  private HnswDenseIndex(FSDirectory directory, DirectoryReader reader, int dimension) {
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.dimension = dimension;
  }

  /** Indexes (id, vector) pairs into {@code folder}/{@value #FOLDER_NAME}, replacing what is there. */
  public static void build(Path folder, Iterator<Map.Entry<String, float[]>> vectors) throws IOException {
    try (FSDirectory dir = FSDirectory.open(folder.resolve(FOLDER_NAME));
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig()
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256))) {
      while (vectors.hasNext()) {
        Map.Entry<String, float[]> e = vectors.next();
        Document doc = new Document();
        doc.add(new StringField(ID, e.getKey(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, e.getValue(), VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
  }

  /** Opens an index built by {@link #build}. */
  public static HnswDenseIndex open(Path folder) throws IOException {
    FSDirectory dir = FSDirectory.open(folder.resolve(FOLDER_NAME));
    try {
      DirectoryReader reader = DirectoryReader.open(dir);
      int dim = reader.leaves().isEmpty() || reader.leaves().get(0).reader().getFieldInfos().fieldInfo(VECTOR) == null
          ? 0 : reader.leaves().get(0).reader().getFieldInfos().fieldInfo(VECTOR).getVectorDimension();
      return new HnswDenseIndex(dir, reader, dim);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw new IOException("cannot open the HNSW index in " + folder.resolve(FOLDER_NAME) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int size() {
    return reader.numDocs();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String kind() {
    return "hnsw";
  }

  @Override
  public Ranking search(float[] query, int k, Set<String> allowed) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dimension);
    }
    Query filter = null;
    if (allowed != null) {
      List<BytesRef> terms = new ArrayList<>(allowed.size());
      allowed.forEach(id -> terms.add(new BytesRef(id)));
      filter = new TermInSetQuery(ID, terms);
    }
    try {
      // The graph is searched with a beam of at least MIN_BEAM candidates (Lucene's k is the beam
      // width, efSearch); a beam of 10 loses recall that 100 keeps at little cost.
      int beam = Math.max(k, MIN_BEAM);
      TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, beam, filter), k);
      StoredFields stored = searcher.storedFields();
      String[] ids = new String[top.scoreDocs.length];
      float[] scores = new float[ids.length];
      for (int i = 0; i < ids.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        ids[i] = stored.document(sd.doc, Set.of(ID)).get(ID);
        scores[i] = 2 * sd.score - 1;
      }
      return new Ranking(ids, scores);
    } catch (IOException e) {
      throw new UncheckedIOException("dense search failed", e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
