package lsr.index.synth;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight in constant time (Vose's alias method). */
final class AliasTable {

  private final double[] probability;
  private final int[] alias;

  AliasTable(double[] weights) {
    int n = weights.length;
    probability = new double[n];
    alias = new int[n];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int s = 0;
    int l = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[s++] = i;
      } else {
        large[l++] = i;
      }
    }
    while (s > 0 && l > 0) {
      int less = small[--s];
      int more = large[--l];
      probability[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      if (scaled[more] < 1) {
        small[s++] = more;
      } else {
        large[l++] = more;
      }
    }
    while (l > 0) {
      probability[large[--l]] = 1;
    }
    while (s > 0) {
      probability[small[--s]] = 1;
    }
  }

  int sample(SplittableRandom random) {
    int i = random.nextInt(probability.length);
    return random.nextDouble() < probability[i] ? i : alias[i];
  }

  /** Weights 1 / (rank + 1)^exponent for ranks 0 .. n-1. */
  static double[] zipf(int n, double exponent) {
    double[] w = new double[n];
    for (int r = 0; r < n; r++) {
      w[r] = 1.0 / Math.pow(r + 1, exponent);
    }
    return w;
  }
}
