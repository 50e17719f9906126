package lsr.index.bm25;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.TopK;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * Searches the segments of one snapshot as one index. Lucene sums document frequencies and lengths
 * over all segments, so IDF and average length are collection-wide and scores equal those of one
 * Lucene index over the same documents (deleted documents still count, as in Lucene until a merge).
 * Thread-safe; cheap to create per snapshot. It does not own the segments: it is valid while they
 * are open.
 *
 * <p>A query is analyzed with the segments' analyzer into a bag of words: each distinct term is one
 * optional clause, weighted by how often it occurs in the query (as Anserini's bag-of-words query
 * does). A document's score is Lucene's BM25, summed over the distinct query terms t of count c:
 *
 * <pre>
 * c * idf(t) * tf / (tf + k1 * (1 - b + b * dl / avgdl)),   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))
 * </pre>
 *
 * <p>where tf counts t in the document's title and text, dl is the document's length in terms
 * (exact up to 40; Lucene keeps a longer one in one byte, rounded down by less than an eighth), df
 * counts the documents holding t, and N and avgdl count the documents with at least one term.
 * Lucene omits BM25's constant factor (k1 + 1), which changes no ranking.
 */
public final class Bm25Searcher {

  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final int segmentCount;
  /** The segment of each Lucene leaf, by leaf ord (a segment has one leaf, or none when empty). */
  private final int[] leafSegment;

  /**
   * A searcher over {@code segments}, in this order: global docs number the first segment's local
   * docs first, then the second's, and so on.
   *
   * @throws IllegalArgumentException when there are no segments, or they were written with
   *     different analyzers
   */
  public Bm25Searcher(List<Bm25Segment> segments, Bm25Params params) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a BM25 search needs at least one segment");
    }
    TextAnalyzer first = segments.getFirst().analyzer();
    IndexReader[] readers = new IndexReader[segments.size()];
    for (int i = 0; i < readers.length; i++) {
      Bm25Segment segment = segments.get(i);
      if (segment.analyzer() != first) {
        throw new IllegalArgumentException("segment " + i + " was written with the " + segment.analyzer()
            + " analyzer and segment 0 with " + first + "; one search needs one analyzer");
      }
      readers[i] = segment.reader();
    }
    leafSegment = IntStream.range(0, readers.length)
        .flatMap(i -> IntStream.range(0, readers[i].leaves().size()).map(leaf -> i))
        .toArray();
    try {
      // Never closed, as the segments' owner closes their readers. closeSubReaders is true only
      // because false would incRef every reader and keep its files open after the owner closed it.
      searcher = new IndexSearcher(new MultiReader(readers, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    searcher.setSimilarity(new BM25Similarity(params.k1(), params.b()));
    analyzer = segments.getFirst().queryAnalyzer();
    segmentCount = segments.size();
  }

  /**
   * The top {@code k} documents for {@code query} by BM25 among those each segment's mask accepts
   * ({@code masks.get(i)} for segment i, {@link DocMask#ALL} for all), best first; equal scores go to
   * the smaller global doc. A global doc is the segment's base (the sizes of earlier segments summed)
   * plus the local doc. A query with no indexable term finds nothing.
   */
  public Hits search(String query, int k, List<DocMask> masks) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (masks.size() != segmentCount) {
      throw new IllegalArgumentException(
          "one mask per segment: " + segmentCount + " segments, " + masks.size() + " masks");
    }
    long start = System.nanoTime();
    Map<String, Integer> terms = terms(query);
    if (terms.isEmpty()) {
      return Hits.empty(new SearchCost(0, 0, 0, 0, (System.nanoTime() - start) / 1000));
    }
    DocMask[] leafMasks = new DocMask[leafSegment.length];
    for (int leaf = 0; leaf < leafMasks.length; leaf++) {
      leafMasks[leaf] = masks.get(leafSegment[leaf]);
    }
    try {
      // Never more than all documents: the heap is allocated at its full capacity.
      int capacity = Math.max(1, Math.min(k, size()));
      TopK top = searcher.search(bagOfWords(terms), new MaskedTopK(capacity, leafMasks));
      // Lucene skips documents by block-max scores without counting those it scores: docsScored stays 0.
      return top.toHits(new SearchCost(terms.size(), 0, 0, 0, (System.nanoTime() - start) / 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The distinct terms of {@code text} as the segments' analyzer produces them, with their counts. */
  public Map<String, Integer> terms(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(Bm25SegmentWriter.CONTENTS, text)) {
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

  /** Number of documents in all segments, deleted ones included. */
  public int size() {
    return searcher.getIndexReader().maxDoc();
  }

  private static Query bagOfWords(Map<String, Integer> terms) {
    int max = IndexSearcher.getMaxClauseCount();
    if (terms.size() > max) {
      throw new IllegalArgumentException(
          "the query has " + terms.size() + " distinct terms; BM25 search takes at most " + max);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    terms.forEach((term, count) -> {
      Query tq = new TermQuery(new Term(Bm25SegmentWriter.CONTENTS, term));
      q.add(count == 1 ? tq : new BoostQuery(tq, count), BooleanClause.Occur.SHOULD);
    });
    return q.build();
  }
}
