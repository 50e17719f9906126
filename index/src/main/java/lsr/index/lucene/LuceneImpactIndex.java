package lsr.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.SparseIndex;
import lsr.index.SparseSearcher;
import lsr.index.VectorCollection;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene's answer to the same problem, as a peer in benchmarks: each document's weights indexed as
 * {@link FeatureField}s (one feature per term, the weight kept in the term frequency with 9
 * significant bits), queried by a disjunction of linear feature queries weighted by the query's
 * weights. Lucene scores it with its block-max impacts (MaxScore / WAND), so it is exact search
 * with dynamic pruning, up to the 9-bit rounding of document weights.
 */
public final class LuceneImpactIndex implements SparseIndex {

  static final String FIELD = "v";
  static final String DOC = "doc";

  private final Path folder;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final List<String> ids;

  private LuceneImpactIndex(Path folder, Directory directory, List<String> ids) throws IOException {
    this.folder = folder;
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
    this.ids = ids;
  }

  /** Indexes {@code collection} into {@code folder} and merges it into one segment. */
  public static LuceneImpactIndex build(VectorCollection collection, Path folder) throws IOException {
    Files.createDirectories(folder);
    Directory directory = FSDirectory.open(folder);
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(512).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int d = 0; d < collection.size(); d++) {
        Document doc = new Document();
        int start = collection.start(d);
        int[] terms = collection.terms();
        float[] values = collection.values();
        for (int i = start; i < start + collection.length(d); i++) {
          doc.add(new FeatureField(FIELD, Integer.toString(terms[i]), values[i]));
        }
        doc.add(new NumericDocValuesField(DOC, d));
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    }
    List<String> ids = new java.util.ArrayList<>(collection.size());
    for (int d = 0; d < collection.size(); d++) {
      ids.add(collection.id(d));
    }
    return new LuceneImpactIndex(folder, directory, ids);
  }

  @Override
  public int size() {
    return reader.numDocs();
  }

  @Override
  public String externalId(int doc) {
    return ids.get(doc);
  }

  @Override
  public long sizeInBytes() {
    try (var files = Files.list(folder)) {
      return files.mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public SparseSearcher newSearcher() {
    return this::search;
  }

  private Hits search(SparseVector query, int k, DocMask mask) {
    if (!mask.acceptsAll()) {
      throw new UnsupportedOperationException("the Lucene peer does not filter");
    }
    long start = System.nanoTime();
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (int i = 0; i < query.size(); i++) {
      q.add(FeatureField.newLinearQuery(FIELD, Integer.toString(query.termId(i)), query.weight(i)), BooleanClause.Occur.SHOULD);
    }
    try {
      TopDocs top = searcher.search(q.build(), k);
      int[] docs = new int[top.scoreDocs.length];
      float[] scores = new float[docs.length];
      List<LeafReaderContext> leaves = reader.leaves();
      for (int i = 0; i < docs.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues values = leaf.reader().getNumericDocValues(DOC);
        values.advanceExact(sd.doc - leaf.docBase);
        docs[i] = (int) values.longValue();
        scores[i] = sd.score;
      }
      long micros = (System.nanoTime() - start) / 1000;
      return new Hits(docs, scores, new SearchCost(query.size(), 0, 0, 0, micros));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
