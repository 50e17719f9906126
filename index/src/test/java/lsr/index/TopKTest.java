package lsr.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

  @Test
  void keepsTheBestKWithTiesToTheSmallerDocument() {
    long seed = Long.getLong("lsr.test.seed", 31L);
    System.out.println("TopKTest seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      int n = 1 + random.nextInt(300);
      int k = 1 + random.nextInt(20);
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(20); // many ties
      }
      TopK top = new TopK(k);
      int[] order = IntStream.range(0, n).toArray();
      shuffle(order, random);
      for (int d : order) {
        top.offer(d, scores[d]);
      }
      Integer[] expected =
          IntStream.range(0, n).boxed()
              .sorted(Comparator.<Integer>comparingDouble(d -> -scores[d]).thenComparingInt(d -> d))
              .limit(k)
              .toArray(Integer[]::new);
      Hits hits = top.toHits(SearchCost.NONE);
      assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), hits.docs(), "seed " + seed);
      assertEquals(0, top.size());
    }
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
