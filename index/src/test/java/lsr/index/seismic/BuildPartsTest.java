package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pieces of a build: energy selection, quantization. */
class BuildPartsTest {

  @Test
  void energySelectionKeepsTheFewestLargestReachingTheShare() {
    long seed = Long.getLong("lsr.test.seed", 5L);
    System.out.println("energySelection seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(300);
      double energy = 0.05 + random.nextDouble() * 0.9;
      float[] values = new float[n];
      long[] entries = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(4) == 0 ? 0.5f : 0.01f + random.nextFloat() * 3; // some ties
        entries[i] = EnergySelection.pack(values[i], i);
      }
      int kept = EnergySelection.selectTop(entries, n, energy);
      float[] sorted = values.clone();
      Arrays.sort(sorted);
      double total = 0;
      for (float v : values) {
        total += v;
      }
      double sum = 0;
      int expected = 0;
      while (sum < energy * total) {
        sum += sorted[n - 1 - expected++];
      }
      assertEquals(expected, kept, "seed " + seed + " round " + round);
      float smallestKept = Float.MAX_VALUE;
      float largestDropped = 0;
      for (int i = 0; i < n; i++) {
        float w = EnergySelection.weight(entries[i]);
        assertEquals(values[EnergySelection.term(entries[i])], w);
        if (i < kept) {
          smallestKept = Math.min(smallestKept, w);
        } else {
          largestDropped = Math.max(largestDropped, w);
        }
      }
      assertTrue(smallestKept >= largestDropped, "seed " + seed);
    }
  }

  @Test
  void fullEnergyKeepsEverything() {
    long[] entries = {EnergySelection.pack(1f, 0), EnergySelection.pack(2f, 1)};
    assertEquals(2, EnergySelection.selectTop(entries, 2, 1.0));
  }

  @Test
  void quantizedWeightsNeverFallBelowTheirValues() {
    long seed = Long.getLong("lsr.test.seed", 6L);
    System.out.println("quantizer seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(200);
      float[] values = new float[n];
      float scale = (float) Math.pow(10, random.nextInt(6) - 3);
      for (int i = 0; i < n; i++) {
        values[i] = scale * (0.001f + random.nextFloat());
      }
      Quantizer q = Quantizer.of(values, n);
      float max = 0;
      for (float v : values) {
        max = Math.max(max, v);
        int code = q.code(v);
        assertTrue(code >= 0 && code <= 255);
        float w = q.min() + code * q.step();
        assertTrue(w >= v, "seed " + seed + ": " + w + " < " + v);
        assertTrue(w - v <= q.step() * 1.01f + Math.ulp(v) * 4, "seed " + seed + ": code too coarse for " + v);
      }
      assertTrue(q.min() + 255 * q.step() >= max);
    }
  }
}
