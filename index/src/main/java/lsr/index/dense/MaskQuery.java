package lsr.index.dense;

import java.util.function.IntConsumer;
import lsr.index.DocMask;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The documents a {@link DocMask} accepts, as the Lucene filter of an HNSW search. Correct only on
 * an index whose Lucene documents are the local documents ({@link HnswVectors#build} guarantees it).
 * Lucene turns a filter into a bit set before the graph search; handing it one directly lets it use
 * that set as is. Built for one search, so it equals only itself and is never cached.
 */
final class MaskQuery extends Query {

  private final DocMask mask;

  MaskQuery(DocMask mask) {
    this.mask = mask;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) {
        FixedBitSet accepted = accepted(context.reader().maxDoc());
        int cardinality = accepted.cardinality();
        if (cardinality == 0) {
          return null;
        }
        return new DefaultScorerSupplier(
            new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(accepted, cardinality)));
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false;
      }
    };
  }

  private FixedBitSet accepted(int maxDoc) {
    FixedBitSet bits = new FixedBitSet(maxDoc);
    if (mask.allowed() == null) {
      bits.set(0, maxDoc);
    } else {
      forEachBelow(mask.allowed(), maxDoc, bits::set);
    }
    if (mask.deleted() != null) {
      forEachBelow(mask.deleted(), maxDoc, bits::clear);
    }
    return bits;
  }

  private static void forEachBelow(RoaringBitmap docs, int maxDoc, IntConsumer action) {
    // Roaring iterates in unsigned order, so the first id outside 0 .. maxDoc - 1 ends the walk.
    IntIterator it = docs.getIntIterator();
    while (it.hasNext()) {
      int doc = it.next();
      if (doc < 0 || doc >= maxDoc) {
        break;
      }
      action.accept(doc);
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "MaskQuery";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
