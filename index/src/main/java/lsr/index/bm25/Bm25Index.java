package lsr.index.bm25;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.data.Document;
import lsr.index.Hits;
import lsr.index.SearchCost;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A BM25 index built by {@link Bm25IndexBuilder}, open for search. Thread-safe: any number of
 * threads may search at once.
 *
 * <p>A query is analyzed with the index's analyzer into a bag of words; each distinct term is one
 * optional clause, weighted by how often it occurs in the query (as Anserini's bag-of-words query
 * does). Lucene's BM25 omits the constant factor (k1 + 1), which changes no ranking.
 */
public final class Bm25Index implements AutoCloseable {

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final TextAnalyzer analyzerKind;

  private Bm25Index(Directory dir, DirectoryReader reader, TextAnalyzer analyzerKind, Bm25Params params) {
    this.dir = dir;
    this.reader = reader;
    this.analyzerKind = analyzerKind;
    this.analyzer = analyzerKind.newAnalyzer();
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity(params.k1(), params.b()));
  }

  /**
   * Opens the index in {@code folder} to search with {@code params}.
   *
   * @throws NoSuchFileException when {@code folder} holds no lsr BM25 index
   */
  public static Bm25Index open(Path folder, Bm25Params params) throws IOException {
    Directory dir = FSDirectory.open(folder);
    try {
      DirectoryReader reader;
      try {
        reader = DirectoryReader.open(dir);
      } catch (IndexNotFoundException e) {
        throw new NoSuchFileException(folder.toString(), null, "no BM25 index here; build one first");
      }
      Map<String, String> meta = reader.getIndexCommit().getUserData();
      if (!Bm25IndexBuilder.FORMAT.equals(meta.get(Bm25IndexBuilder.FORMAT_KEY))) {
        reader.close();
        throw new NoSuchFileException(folder.toString(), null,
            "a Lucene index, but not an lsr BM25 index (format " + meta.get(Bm25IndexBuilder.FORMAT_KEY) + ")");
      }
      return new Bm25Index(dir, reader, TextAnalyzer.of(meta.get(Bm25IndexBuilder.ANALYZER_KEY)), params);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** The analyzer the index was built with, also used for queries. */
  public TextAnalyzer analyzer() {
    return analyzerKind;
  }

  /** Number of documents. */
  public int size() {
    return reader.numDocs();
  }

  /**
   * The top {@code k} documents for {@code query} by BM25, best first (equal scores in index order).
   * A query with no indexable term finds nothing.
   */
  public Hits search(String query, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    long start = System.nanoTime();
    Map<String, Integer> terms = terms(query);
    if (terms.isEmpty()) {
      return Hits.empty(new SearchCost(0, 0, 0, 0, (System.nanoTime() - start) / 1000));
    }
    try {
      TopDocs top = searcher.search(bagOfWords(terms), k);
      int[] docs = new int[top.scoreDocs.length];
      float[] scores = new float[docs.length];
      for (int i = 0; i < docs.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        docs[i] = sd.doc;
        scores[i] = sd.score;
      }
      // Lucene skips documents by block-max scores without counting those it scores: docsScored stays 0.
      return new Hits(docs, scores, new SearchCost(terms.size(), 0, 0, 0, (System.nanoTime() - start) / 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The distinct terms of {@code text} as the index's analyzer produces them, with their counts. */
  public Map<String, Integer> terms(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(Bm25IndexBuilder.CONTENTS, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  private static Query bagOfWords(Map<String, Integer> terms) {
    int max = IndexSearcher.getMaxClauseCount();
    if (terms.size() > max) {
      throw new IllegalArgumentException("the query has " + terms.size() + " distinct terms; BM25 search takes at most " + max);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    terms.forEach((term, count) -> {
      Query tq = new TermQuery(new Term(Bm25IndexBuilder.CONTENTS, term));
      q.add(count == 1 ? tq : new BoostQuery(tq, count), BooleanClause.Occur.SHOULD);
    });
    return q.build();
  }

  /** The external id of index document {@code doc} (a doc of {@link Hits}). */
  public String externalId(int doc) {
    return externalIds(new int[] {doc})[0];
  }

  /** The external ids of index documents {@code docs}, in the same order. */
  public String[] externalIds(int[] docs) {
    // Doc-values iterators only move forward: visit the documents in index order.
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    String[] ids = new String[docs.length];
    try {
      List<LeafReaderContext> leaves = reader.leaves();
      int leafIndex = -1;
      SortedDocValues values = null;
      LeafReaderContext leaf = null;
      for (int i : order) {
        int doc = docs[i];
        int newLeaf = ReaderUtil.subIndex(doc, leaves);
        if (newLeaf != leafIndex) {
          leafIndex = newLeaf;
          leaf = leaves.get(leafIndex);
          values = DocValues.getSorted(leaf.reader(), Bm25IndexBuilder.ID);
        }
        if (!values.advanceExact(doc - leaf.docBase)) {
          throw new IllegalStateException("document " + doc + " has no id");
        }
        ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** The stored document {@code doc}: id, title and text. */
  public Document document(int doc) {
    Map<String, String> f = stored(doc, Set.of(Bm25IndexBuilder.ID, Bm25IndexBuilder.TITLE, Bm25IndexBuilder.TEXT));
    return new Document(f.get(Bm25IndexBuilder.ID), f.getOrDefault(Bm25IndexBuilder.TITLE, ""),
        f.getOrDefault(Bm25IndexBuilder.TEXT, ""));
  }

  private Map<String, String> stored(int doc, Set<String> fields) {
    try {
      StoredFields stored = reader.storedFields();
      org.apache.lucene.document.Document d = stored.document(doc, fields);
      Map<String, String> values = new LinkedHashMap<>();
      for (String f : fields) {
        String v = d.get(f);
        if (v != null) {
          values.put(f, v);
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (dir; reader; analyzer) {
      // closes all three
    }
  }
}
