package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lsr.data.SparseVector;
import lsr.index.CheckHits;
import lsr.index.VectorCollection;
import lsr.index.exact.ExactIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocking: uneven random clusters are split, and no document is lost or doubled. */
class BlockingTest {

  /**
   * Half the documents are copies of one vector: they tie on every centroid drawn among them, all
   * join the first, and the split has to recurse down to cutting runs.
   */
  @Test
  void noBlockExceedsTheCapAndEveryDocumentStaysInItsLists(@TempDir Path dir) throws IOException {
    long seed = Long.getLong("lsr.test.seed", 64L);
    System.out.println("BlockingTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    VectorCollection.Builder b = VectorCollection.builder();
    int n = 600;
    int dim = 50;
    for (int d = 0; d < n; d++) {
      if (d % 2 == 0) {
        b.add("copy" + d, SparseVector.of(new int[] {0, 1, 2, 3}, new float[] {1f, 0.5f, 0.25f, 0.125f}));
      } else {
        TreeSet<Integer> terms = new TreeSet<>(List.of(0));
        while (terms.size() < 8) {
          terms.add(random.nextInt(dim));
        }
        int[] t = terms.stream().mapToInt(Integer::intValue).toArray();
        float[] w = new float[t.length];
        for (int i = 0; i < w.length; i++) {
          w[i] = 0.01f + random.nextFloat();
        }
        b.add("rand" + d, SparseVector.of(t, w));
      }
    }
    VectorCollection docs = b.build();
    SeismicConfig config =
        SeismicConfig.DEFAULTS.withPruning(PruningStrategy.NONE).withSummaryEnergy(1.0).withValueType(ValueType.F32);
    assertEquals(20, config.maxBlockSize());
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, docs, config, 2)) {
      for (int term = 0; term < dim; term++) {
        for (int size : blockSizes(index, term)) {
          assertTrue(size >= 1 && size <= config.maxBlockSize(), "term " + term + ": block of " + size + ", seed " + seed);
        }
        List<Integer> holders = new ArrayList<>();
        for (int d = 0; d < n; d++) {
          if (Arrays.binarySearch(docs.vector(d).termIds(), term) >= 0) {
            holders.add(d);
          }
        }
        int[] list = index.postingList(term).clone();
        Arrays.sort(list);
        assertArrayEquals(holders.stream().mapToInt(Integer::intValue).toArray(), list, "term " + term + ", seed " + seed);
      }
      assertTrue(index.blockCount(0) >= n / config.maxBlockSize(), "the list of term 0 was split");
      // Exhaustive parameters still return the exact top k.
      SearchParams exhaustive = SearchParams.DEFAULTS.withQueryCut(dim).withHeapFactor(1.0);
      SeismicSearcher seismic = index.newSearcher(exhaustive);
      var oracle = ExactIndex.build(docs).newSearcher();
      for (int q = 0; q < 20; q++) {
        SparseVector query = docs.vector(random.nextInt(n));
        CheckHits.assertSameTopK(oracle.search(query, 10), seismic.search(query, 10), 1e-5f, "query " + q + ", seed " + seed);
      }
    }
  }

  /** The number of documents of each block of {@code term}'s list. */
  private static int[] blockSizes(SeismicIndex index, int term) {
    int blocks = index.blockCount(term);
    long record = index.postingStart(term);
    int[] sizes = new int[blocks];
    for (int i = 0; i < blocks; i++) {
      sizes[i] = index.postings.get(SeismicFormat.I32, record + 8 + 4L * (i + 1))
          - index.postings.get(SeismicFormat.I32, record + 8 + 4L * i);
    }
    return sizes;
  }
}
