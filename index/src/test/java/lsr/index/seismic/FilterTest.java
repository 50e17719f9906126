package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import lsr.data.SparseVector;
import lsr.index.CheckHits;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SparseSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Filtered search: results only from the allowed set, and nothing lost to pruning. */
class FilterTest {

  /** Replays a failure with {@code -Dlsr.test.seed=<n>} (which also seeds SeismicIndexTest's collection). */
  private static final long SEED = Long.getLong("lsr.test.seed", 95L);

  @TempDir static Path dir;
  static SeismicIndex index;

  @BeforeAll
  static void build() throws IOException {
    SeismicIndexTest.collection();
    // Heavy pruning: without the exact path, small filters would lose their best documents.
    index = SeismicIndexBuilder.build(dir, SeismicIndexTest.docs, SeismicConfig.DEFAULTS.withNPostings(10), 2);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void smallFiltersAreAnsweredExactly() {
    Random random = seeded();
    SparseSearcher oracle = SeismicIndexTest.exact.newSearcher();
    SeismicSearcher seismic = index.newSearcher();
    for (int q = 0; q < SeismicIndexTest.queries.size(); q++) {
      RoaringBitmap allowed = randomSubset(random, 0.05);
      SparseVector query = SeismicIndexTest.queries.get(q);
      Hits expected = oracle.search(query, 10, DocMask.allowing(allowed));
      Hits actual = seismic.search(query, 10, SearchParams.DEFAULTS, DocMask.allowing(allowed));
      CheckHits.assertSameTopK(expected, actual, 1e-3f, "query " + q + ", seed " + SEED);
      for (int d : actual.docs()) {
        assertTrue(allowed.contains(d), "query " + q + ", seed " + SEED);
      }
    }
  }

  @Test
  void largeFiltersKeepTheRecallOfUnfilteredSearch() {
    Random random = seeded();
    SparseSearcher oracle = SeismicIndexTest.exact.newSearcher();
    SeismicSearcher seismic = index.newSearcher();
    SearchParams approximate = SearchParams.DEFAULTS.withFilterExactThreshold(0);
    double filtered = 0;
    double unfiltered = 0;
    for (SparseVector query : SeismicIndexTest.queries) {
      RoaringBitmap allowed = randomSubset(random, 0.5);
      Hits actual = seismic.search(query, 10, approximate, DocMask.allowing(allowed));
      for (int d : actual.docs()) {
        assertTrue(allowed.contains(d), "seed " + SEED);
      }
      filtered += CheckHits.recall(oracle.search(query, 10, DocMask.allowing(allowed)), actual);
      unfiltered += CheckHits.recall(oracle.search(query, 10), seismic.search(query, 10, approximate, DocMask.ALL));
    }
    int n = SeismicIndexTest.queries.size();
    assertTrue(filtered / n >= unfiltered / n - 0.05, "filtered recall " + filtered / n + " vs unfiltered " + unfiltered / n
        + ", seed " + SEED);
  }

  @Test
  void aFilterTheListsCannotFillFallsBackToExactScoring() {
    SeismicSearcher seismic = index.newSearcher();
    SparseVector query = SeismicIndexTest.queries.get(0);
    // Documents sharing at least one term with the query, but (likely) pruned from its lists.
    Hits all = SeismicIndexTest.exact.newSearcher().search(query, 2000);
    RoaringBitmap allowed = new RoaringBitmap();
    for (int i = all.size() - 30; i < all.size(); i++) {
      allowed.add(all.doc(i));
    }
    Hits expected = SeismicIndexTest.exact.newSearcher().search(query, 10, DocMask.allowing(allowed));
    Hits actual = seismic.search(query, 10, SearchParams.DEFAULTS.withFilterExactThreshold(0), DocMask.allowing(allowed));
    assertEquals(10, actual.size());
    assertArrayEquals(expected.docs(), actual.docs());
  }

  private static RoaringBitmap randomSubset(Random random, double fraction) {
    RoaringBitmap b = new RoaringBitmap();
    for (int d = 0; d < SeismicIndexTest.docs.size(); d++) {
      if (random.nextDouble() < fraction) {
        b.add(d);
      }
    }
    return b;
  }

  private static Random seeded() {
    System.out.println("FilterTest seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")");
    return new Random(SEED);
  }
}
