package lsr.index.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD kernels against the scalar reference, on awkward sizes and offsets. */
class KernelsTest {

  private static final int[] SIZES = {0, 1, 7, 13, 15, 16, 17, 31, 33, 100, 207, 250, 702};
  private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Replays a failure with {@code -Dlsr.test.seed=<n>}: every message names the seed. */
  private static final long SEED = Long.getLong("lsr.test.seed", 207L);

  private final Kernels scalar = new ScalarKernels();

  @Test
  void scalarDotMatchesADirectSum() {
    Random random = seeded("scalarDotMatchesADirectSum");
    try (Arena arena = Arena.ofConfined()) {
      for (int size : SIZES) {
        Doc doc = Doc.random(arena, random, size + 5, 3000);
        float[] query = randomQuery(random, 3000);
        float expected = 0f;
        for (int i = 2; i < 2 + size; i++) {
          expected += query[doc.terms[i]] * doc.values[i];
        }
        assertEquals(expected, scalar.dotF32(query, doc.termSegment, doc.f32Segment, 2, size), "size " + size + ", seed " + SEED);
      }
    }
  }

  @Test
  void simdDotAgreesWithScalarDot() {
    assumeTrue(KernelProvider.simdAvailable(), "no usable Vector API here");
    Kernels simd = KernelProvider.simdKernels();
    Random random = seeded("simdDotAgreesWithScalarDot");
    try (Arena arena = Arena.ofConfined()) {
      for (int size : SIZES) {
        for (int offset : new int[] {0, 3}) {
          Doc doc = Doc.random(arena, random, size + offset, 30522);
          float[] query = randomQuery(random, 30522);
          float f32 = scalar.dotF32(query, doc.termSegment, doc.f32Segment, offset, size);
          assertClose(f32, simd.dotF32(query, doc.termSegment, doc.f32Segment, offset, size), "f32 size " + size + ", seed " + SEED);
          float f16 = scalar.dotF16(query, doc.termSegment, doc.f16Segment, offset, size);
          assertClose(f16, simd.dotF16(query, doc.termSegment, doc.f16Segment, offset, size), "f16 size " + size + ", seed " + SEED);
        }
      }
    }
  }

  @Test
  void simdDecodesEveryPositiveHalfFloatExactly() {
    assumeTrue(KernelProvider.simdAvailable(), "no usable Vector API here");
    Kernels simd = KernelProvider.simdKernels();
    int lanes = PanamaKernels.lanes();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment terms = arena.allocate(2L * lanes);
      MemorySegment values = arena.allocate(2L * lanes);
      for (int i = 0; i < lanes; i++) {
        terms.setAtIndex(U16, i, (short) i);
      }
      float[] query = new float[lanes];
      // Every finite positive f16 (0x0001 .. 0x7BFF), subnormals included.
      for (int base = 1; base < 0x7C00; base += lanes) {
        for (int i = 0; i < lanes; i++) {
          values.setAtIndex(U16, i, (short) Math.min(base + i, 0x7BFF));
        }
        for (int j = 0; j < lanes; j++) {
          query[j] = 1f;
          float expected = Float.float16ToFloat((short) Math.min(base + j, 0x7BFF));
          assertEquals(expected, simd.dotF16(query, terms, values, 0, lanes), "f16 bits " + (base + j));
          query[j] = 0f;
        }
      }
    }
  }

  @Test
  void scalarQueryHitsAreTheEntriesTheQueryHolds() {
    Random random = seeded("scalarQueryHitsAreTheEntriesTheQueryHolds");
    try (Arena arena = Arena.ofConfined()) {
      for (int size : SIZES) {
        Summary summary = Summary.random(arena, random, size, 30522);
        float[] query = queryHoldingSome(random, summary, 30522);
        int[] positions = new int[size + Kernels.HIT_SLACK];
        float[] weights = new float[size + Kernels.HIT_SLACK];
        int hits = scalar.queryHits(query, summary.data, summary.componentsAt, size, positions, weights);
        int expected = 0;
        for (int i = 0; i < size; i++) {
          float w = query[summary.components[i]];
          if (w != 0f) {
            assertEquals(i, positions[expected], "size " + size + ", seed " + SEED);
            assertEquals(w, weights[expected], "size " + size + ", seed " + SEED);
            expected++;
          }
        }
        assertEquals(expected, hits, "size " + size + ", seed " + SEED);
      }
    }
  }

  @Test
  void simdQueryHitsEqualScalarHits() {
    assumeTrue(KernelProvider.simdAvailable(), "no usable Vector API here");
    Kernels simd = KernelProvider.simdKernels();
    Random random = seeded("simdQueryHitsEqualScalarHits");
    try (Arena arena = Arena.ofConfined()) {
      for (int size : SIZES) {
        Summary summary = Summary.random(arena, random, size, 30522);
        float[] query = queryHoldingSome(random, summary, 30522);
        int[] expectedPositions = new int[size + Kernels.HIT_SLACK];
        float[] expectedWeights = new float[size + Kernels.HIT_SLACK];
        int[] positions = new int[size + Kernels.HIT_SLACK];
        float[] weights = new float[size + Kernels.HIT_SLACK];
        int expected = scalar.queryHits(query, summary.data, summary.componentsAt, size, expectedPositions, expectedWeights);
        int hits = simd.queryHits(query, summary.data, summary.componentsAt, size, positions, weights);
        assertEquals(expected, hits, "size " + size + ", seed " + SEED);
        assertArrayEquals(Arrays.copyOf(expectedPositions, hits), Arrays.copyOf(positions, hits), "size " + size + ", seed " + SEED);
        assertArrayEquals(Arrays.copyOf(expectedWeights, hits), Arrays.copyOf(weights, hits), "size " + size + ", seed " + SEED);
      }
    }
  }

  /** A random query that also holds about a third of the summary's components. */
  private static float[] queryHoldingSome(Random random, Summary summary, int dim) {
    float[] query = randomQuery(random, dim);
    for (int c : summary.components) {
      if (random.nextInt(3) == 0) {
        query[c] = 0.01f + random.nextFloat() * 3;
      }
    }
    return query;
  }

  @Test
  void providerHonoursTheScalarSwitch() {
    boolean forcedScalar = "false".equals(System.getProperty(KernelProvider.SIMD_PROPERTY));
    Kernels k = KernelProvider.newKernels();
    if (forcedScalar) {
      assertEquals("scalar", k.name());
    } else {
      assertEquals(KernelProvider.simdAvailable(), !k.name().equals("scalar"));
    }
  }

  private static void assertClose(float expected, float actual, String what) {
    assertEquals(expected, actual, 1e-5f * Math.max(1f, Math.abs(expected)), what);
  }

  private static float[] randomQuery(Random random, int dim) {
    float[] q = new float[dim];
    for (int i = 0; i < 60; i++) {
      q[random.nextInt(dim)] = random.nextFloat() * 3;
    }
    return q;
  }

  private static Random seeded(String test) {
    System.out.println(test + " seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")");
    return new Random(SEED);
  }

  /** Random document entries in both value encodings. */
  private record Doc(int[] terms, float[] values, MemorySegment termSegment, MemorySegment f32Segment, MemorySegment f16Segment) {
    static Doc random(Arena arena, Random random, int n, int dim) {
      int[] terms = new int[n];
      float[] values = new float[n];
      MemorySegment t = arena.allocate(Math.max(2L, 2L * n));
      MemorySegment f = arena.allocate(Math.max(4L, 4L * n));
      MemorySegment h = arena.allocate(Math.max(2L, 2L * n));
      for (int i = 0; i < n; i++) {
        terms[i] = random.nextInt(dim);
        short half = Float.floatToFloat16(0.01f + random.nextFloat() * 4);
        values[i] = Float.float16ToFloat(half);
        t.setAtIndex(U16, i, (short) terms[i]);
        f.setAtIndex(F32, i, values[i]);
        h.setAtIndex(U16, i, half);
      }
      return new Doc(terms, values, t, f, h);
    }
  }

  /** Summary components at an odd byte offset (summaries start anywhere in the file), ascending and distinct. */
  private record Summary(int[] components, MemorySegment data, long componentsAt) {
    static Summary random(Arena arena, Random random, int n, int dim) {
      int[] components = random.ints(0, dim).distinct().limit(n).sorted().toArray();
      long componentsAt = 1;
      MemorySegment data = arena.allocate(componentsAt + 2L * n);
      for (int i = 0; i < n; i++) {
        data.set(U16, componentsAt + 2L * i, (short) components[i]);
      }
      return new Summary(components, data, componentsAt);
    }
  }
}
