package lsr.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import lsr.index.simd.KernelProvider;
import lsr.index.simd.Kernels;
import lsr.index.simd.ScalarKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The search kernels, scalar and SIMD side by side: a sparse document against a dense query (f32
 * and f16 weights), and the search for the summary entries a query holds. Each invocation walks
 * {@code DOCS} documents (or summaries) laid out one after another in off-heap memory, as the index
 * lays them out; data is generated in setup, never in the measured methods.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class KernelBenchmark {

  private static final int DOCS = 64;
  private static final int DIMENSION = 30522;
  private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Entries per document (or per summary). */
  @Param({"13", "175", "702"})
  int length;

  @Param({"scalar", "simd"})
  String kernels;

  private Kernels k;
  private Arena arena;
  private MemorySegment terms;
  private MemorySegment f32;
  private MemorySegment f16;
  private int[] hitPositions;
  private float[] hitWeights;
  private float[] query;

  @Setup(Level.Trial)
  public void setUp() {
    k = kernels.equals("simd") ? KernelProvider.simdKernels() : new ScalarKernels();
    SplittableRandom random = new SplittableRandom(42);
    arena = Arena.ofShared();
    terms = arena.allocate(2L * DOCS * length);
    f32 = arena.allocate(4L * DOCS * length);
    f16 = arena.allocate(2L * DOCS * length);
    for (long i = 0; i < (long) DOCS * length; i++) {
      float w = 0.01f + (float) random.nextDouble(3);
      terms.setAtIndex(U16, i, (short) random.nextInt(DIMENSION));
      f32.setAtIndex(F32, i, w);
      f16.setAtIndex(U16, i, Float.floatToFloat16(w));
    }
    query = new float[DIMENSION];
    for (int i = 0; i < 40; i++) {
      query[random.nextInt(DIMENSION)] = (float) random.nextDouble(3);
    }
    hitPositions = new int[DOCS * length + Kernels.HIT_SLACK];
    hitWeights = new float[DOCS * length + Kernels.HIT_SLACK];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public float dotF32() {
    float sum = 0;
    for (int d = 0; d < DOCS; d++) {
      sum += k.dotF32(query, terms, f32, (long) d * length, length);
    }
    return sum;
  }

  @Benchmark
  public float dotF16() {
    float sum = 0;
    for (int d = 0; d < DOCS; d++) {
      sum += k.dotF16(query, terms, f16, (long) d * length, length);
    }
    return sum;
  }

  /** The summary components of a list of {@code DOCS} summaries (laid out like documents). */
  @Benchmark
  public int queryHits() {
    return k.queryHits(query, terms, 0, DOCS * length, hitPositions, hitWeights);
  }
}
