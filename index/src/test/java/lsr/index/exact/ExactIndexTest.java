package lsr.index.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SparseSearcher;
import lsr.index.VectorCollection;
import lsr.index.synth.SyntheticCollection;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The oracle against brute force: every document scored with SparseVector.dot. */
class ExactIndexTest {

  @Test
  void returnsTheBruteForceTopKWithAndWithoutFilters() {
    long seed = Long.getLong("lsr.test.seed", 800L);
    System.out.println("ExactIndexTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    SyntheticCollection synth = new SyntheticCollection(new SyntheticCollection.Spec(800, 20, 8, 30522, seed));
    SyntheticCollection.Sampler s = synth.newSampler();
    VectorCollection.Builder b = VectorCollection.builder();
    for (int i = 0; i < 800; i++) {
      b.add("d" + i, s.document(i));
    }
    VectorCollection docs = b.build();
    ExactIndex index = ExactIndex.build(docs);
    SparseSearcher searcher = index.newSearcher();
    Random random = new Random(seed);
    for (int q = 0; q < 20; q++) {
      SparseVector query = s.query(q);
      RoaringBitmap allowed = new RoaringBitmap();
      IntStream.range(0, 800).filter(d -> random.nextBoolean()).forEach(allowed::add);
      for (RoaringBitmap filter : new RoaringBitmap[] {null, allowed}) {
        List<Integer> expected =
            IntStream.range(0, 800).boxed()
                .filter(d -> filter == null || filter.contains(d))
                .filter(d -> docs.vector(d).dot(query) > 0)
                .sorted(Comparator.<Integer>comparingDouble(d -> -docs.vector(d).dot(query)).thenComparingInt(d -> d))
                .limit(10)
                .toList();
        Hits hits = searcher.search(query, 10, DocMask.allowing(filter));
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), hits.docs(), "seed " + seed + " query " + q);
        for (int i = 0; i < hits.size(); i++) {
          assertEquals(docs.vector(hits.doc(i)).dot(query), hits.score(i), 1e-4f);
        }
      }
    }
  }
}
