package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lsr.data.SparseVector;
import lsr.index.VectorCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static pruning keeps exactly the postings its definition names. */
class PruningTest {

  record Entry(int term, int doc, float weight) {}

  @Test
  void globalThresholdKeepsTheLargestEntriesUpToEachListsCap(@TempDir Path dir) throws IOException {
    long seed = Long.getLong("lsr.test.seed", 400L);
    System.out.println("PruningTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    VectorCollection docs = randomCollection(random, 400, 60, 12);
    SeismicConfig config =
        SeismicConfig.DEFAULTS.withNPostings(20).withMaxFraction(1.5).withValueType(ValueType.F32);
    List<Entry> entries = entries(docs);
    long lists = entries.stream().map(Entry::term).distinct().count();
    entries.sort(Comparator.comparingDouble((Entry e) -> -e.weight()));
    float threshold = entries.get((int) (20 * lists) - 1).weight();
    int cap = 30;
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, docs, config, 2)) {
      for (int t = 0; t < 60; t++) {
        int term = t;
        List<Entry> list = entries.stream().filter(e -> e.term() == term && e.weight() >= threshold).limit(cap).toList();
        org.junit.jupiter.api.Assertions.assertArrayEquals(docSet(list), sorted(index.postingList(t)), "term " + t + ", seed " + seed);
      }
    }
  }

  @Test
  void fixedSizeKeepsTheLargestNOfEveryList(@TempDir Path dir) throws IOException {
    long seed = Long.getLong("lsr.test.seed", 400L);
    System.out.println("PruningTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    VectorCollection docs = randomCollection(random, 300, 40, 10);
    SeismicConfig config = SeismicConfig.DEFAULTS.withPruning(PruningStrategy.FIXED_SIZE).withNPostings(7).withValueType(ValueType.F32);
    List<Entry> entries = entries(docs);
    entries.sort(Comparator.comparingDouble((Entry e) -> -e.weight()));
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, docs, config, 1)) {
      for (int t = 0; t < 40; t++) {
        int term = t;
        List<Entry> list = entries.stream().filter(e -> e.term() == term).limit(7).toList();
        org.junit.jupiter.api.Assertions.assertArrayEquals(docSet(list), sorted(index.postingList(t)), "term " + t + ", seed " + seed);
      }
    }
  }

  @Test
  void autoListSizeLeavesASmallCollectionUnpruned(@TempDir Path dir) throws IOException {
    long seed = Long.getLong("lsr.test.seed", 400L);
    System.out.println("PruningTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    VectorCollection docs = randomCollection(new Random(seed), 300, 40, 10);
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, docs, SeismicConfig.DEFAULTS, 2)) {
      assertEquals("auto", index.meta().get("nPostings"), "seed " + seed);
      assertEquals(String.valueOf(SeismicConfig.AUTO_MIN_POSTINGS), index.meta().get("postingsPerList"), "seed " + seed);
      assertEquals(String.valueOf(docs.entries()), index.meta().get("postings"),
          "lists of ~75 are far below the floor, seed " + seed);
    }
  }

  private static VectorCollection randomCollection(Random random, int n, int dim, int length) {
    VectorCollection.Builder b = VectorCollection.builder();
    for (int d = 0; d < n; d++) {
      TreeSet<Integer> terms = new TreeSet<>();
      while (terms.size() < length) {
        terms.add(random.nextInt(dim));
      }
      int[] t = terms.stream().mapToInt(Integer::intValue).toArray();
      float[] w = new float[t.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = 0.001f + random.nextFloat();
      }
      b.add("d" + d, SparseVector.of(t, w));
    }
    return b.build();
  }

  private static List<Entry> entries(VectorCollection docs) {
    List<Entry> all = new ArrayList<>();
    for (int d = 0; d < docs.size(); d++) {
      SparseVector v = docs.vector(d);
      for (int i = 0; i < v.size(); i++) {
        all.add(new Entry(v.termId(i), d, v.weight(i)));
      }
    }
    return all;
  }

  private static int[] docSet(List<Entry> list) {
    return list.stream().mapToInt(Entry::doc).sorted().toArray();
  }

  private static int[] sorted(int[] a) {
    int[] c = a.clone();
    Arrays.sort(c);
    return c;
  }
}
