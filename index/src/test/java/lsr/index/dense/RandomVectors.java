package lsr.index.dense;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Random;
import lsr.index.store.IndexFile;

/**
 * Seeded random unit vectors for the tests. Each test prints its seed; {@code -Dlsr.test.seed=<n>}
 * replays a failing run with that seed.
 */
final class RandomVectors {

  private RandomVectors() {}

  /** The seed given by {@code lsr.test.seed}, or a fresh one; printed either way. */
  static long seed(String test) {
    Long fixed = Long.getLong("lsr.test.seed");
    long seed = fixed != null ? fixed : System.nanoTime();
    System.out.println(test + " seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    return seed;
  }

  /** A vector drawn uniformly from the unit sphere. */
  static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dimension; i++) {
      v[i] *= scale;
    }
    return v;
  }

  static float[][] units(Random random, int count, int dimension) {
    float[][] vectors = new float[count][];
    for (int d = 0; d < count; d++) {
      vectors[d] = unit(random, dimension);
    }
    return vectors;
  }

  /** Writes {@code vectors} to {@code file} and maps it back, checksum verified. */
  static DenseVectors writeAndOpen(Path file, int dimension, float[][] vectors, Arena arena) throws IOException {
    try (DenseVectorsWriter w = DenseVectorsWriter.create(file, dimension)) {
      for (float[] v : vectors) {
        w.add(v);
      }
      w.finish();
    }
    return DenseVectors.open(file, arena, IndexFile.Verify.CHECKSUM);
  }
}
