package lsr.index.bm25;

import java.io.IOException;
import java.util.Collection;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.TopK;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Collects the top k of one search over Lucene leaves among the documents each leaf's mask
 * accepts. A refused document is dropped before its score is asked for, and only accepted
 * documents raise the minimum competitive score, so Lucene still skips blocks by their maximum
 * scores and the result is exactly the top k of the accepted documents: no over-fetching, no
 * approximation. Documents are global (leaf doc base + Lucene doc); ties go to the smaller one.
 */
final class MaskedTopK implements CollectorManager<MaskedTopK.SliceCollector, TopK> {

  private final int k;
  private final DocMask[] leafMasks;

  /** {@code leafMasks[ord]} is the mask of the leaf with that ord. */
  MaskedTopK(int k, DocMask[] leafMasks) {
    this.k = k;
    this.leafMasks = leafMasks;
  }

  @Override
  public SliceCollector newCollector() {
    return new SliceCollector();
  }

  /** Merges the slices (one unless the searcher has an executor). */
  @Override
  public TopK reduce(Collection<SliceCollector> slices) {
    TopK all = new TopK(k);
    for (SliceCollector slice : slices) {
      Hits hits = slice.top.toHits(SearchCost.NONE);
      for (int i = 0; i < hits.size(); i++) {
        all.offer(hits.doc(i), hits.score(i));
      }
    }
    return all;
  }

  /** Collects one slice of leaves, which Lucene visits in increasing doc order. */
  final class SliceCollector implements Collector {

    private final TopK top = new TopK(k);

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.TOP_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) {
      DocMask mask = leafMasks[leaf.ord];
      int docBase = leaf.docBase;
      return new LeafCollector() {
        private Scorable scorer;

        @Override
        public void setScorer(Scorable scorer) throws IOException {
          this.scorer = scorer;
          if (top.isFull()) {
            raiseMinCompetitiveScore();
          }
        }

        @Override
        public void collect(int doc) throws IOException {
          if (mask.accepts(doc) && top.offer(docBase + doc, scorer.score()) && top.isFull()) {
            raiseMinCompetitiveScore();
          }
        }

        private void raiseMinCompetitiveScore() throws IOException {
          // Documents come in increasing order and ties go to the smaller doc, so a later document
          // must beat the k-th score strictly (as in Lucene's TopScoreDocCollector).
          scorer.setMinCompetitiveScore(Math.nextUp(top.threshold()));
        }
      };
    }
  }
}
