package lsr.index.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** The dense vectors file: writer, layout, refusal of damaged files, and exact search. */
class DenseVectorsTest {

  @TempDir Path dir;

  @Test
  void exactSearchEqualsBruteForceUnderEveryMask() throws IOException {
    long seed = RandomVectors.seed("exactSearchEqualsBruteForceUnderEveryMask");
    Random random = new Random(seed);
    try (Arena arena = Arena.ofConfined()) {
      for (int n : new int[] {1, 7, 13, 207, 702}) {
        for (int dim : new int[] {1, 7, 64, 384}) {
          float[][] data = RandomVectors.units(random, n, dim);
          DenseVectors vectors = RandomVectors.writeAndOpen(dir.resolve(n + "x" + dim + ".lsr"), dim, data, arena);
          for (Map.Entry<String, DocMask> named : masks(random, n).entrySet()) {
            DocMask mask = named.getValue();
            for (int k : new int[] {1, 10, n + 3}) {
              float[] query = RandomVectors.unit(random, dim);
              String context = "seed " + seed + ", " + n + " vectors of dimension " + dim + ", k " + k + ", " + named.getKey();
              Hits hits = vectors.search(query, k, mask);
              Hits expected = bruteForce(data, query, k, mask);
              assertArrayEquals(expected.docs(), hits.docs(), context);
              assertArrayEquals(expected.scores(), hits.scores(), context);
              // Counted here: DocMask.accepted(n) also counts allowed ids past the end.
              assertEquals(IntStream.range(0, n).filter(mask::accepts).count(), hits.cost().docsScored(),
                  context + ": documents scored");
            }
          }
        }
      }
    }
  }

  /** Every document, a filter, deletions, and both; the sets also name documents past the end. */
  private static Map<String, DocMask> masks(Random random, int n) {
    RoaringBitmap allowed = new RoaringBitmap();
    RoaringBitmap deleted = new RoaringBitmap();
    for (int d = 0; d < n; d++) {
      if (random.nextInt(3) == 0) {
        allowed.add(d);
      }
      if (random.nextInt(4) == 0) {
        deleted.add(d);
      }
    }
    allowed.add(n + 5);
    allowed.add(-1);
    deleted.add(n);
    Map<String, DocMask> masks = new LinkedHashMap<>();
    masks.put("every document", DocMask.ALL);
    masks.put("filter", DocMask.allowing(allowed));
    masks.put("deletions", new DocMask(null, deleted));
    masks.put("filter and deletions", new DocMask(allowed, deleted));
    return masks;
  }

  /**
   * Every accepted document scored by the scalar reference, sorted by score then document: TopK's
   * order, independently. The SIMD scores are the reference's bit for bit (DotProductTest).
   */
  private static Hits bruteForce(float[][] data, float[] query, int k, DocMask mask) {
    int[] docs = IntStream.range(0, data.length)
        .filter(mask::accepts)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(d -> -DotProduct.scalar(query, data[d])).thenComparingInt(d -> d))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
    float[] scores = new float[docs.length];
    for (int i = 0; i < docs.length; i++) {
      scores[i] = DotProduct.scalar(query, data[docs[i]]);
    }
    return new Hits(docs, scores, SearchCost.NONE);
  }

  @Test
  void identicalVectorsComeInDocumentOrder() throws IOException {
    long seed = RandomVectors.seed("identicalVectorsComeInDocumentOrder");
    Random random = new Random(seed);
    float[][] data = RandomVectors.units(random, 12, 16);
    float[] twin = data[2];
    for (int d : new int[] {4, 5, 9, 11}) {
      data[d] = twin.clone();
    }
    try (Arena arena = Arena.ofConfined()) {
      DenseVectors vectors = RandomVectors.writeAndOpen(dir.resolve("ties.lsr"), 16, data, arena);
      Hits top = vectors.search(twin, 3, DocMask.ALL);
      assertArrayEquals(new int[] {2, 4, 5}, top.docs(), "seed " + seed + ": " + top);
      assertEquals(top.score(0), top.score(2), "seed " + seed);
      RoaringBitmap deleted = RoaringBitmap.bitmapOf(4);
      assertArrayEquals(new int[] {2, 5, 9}, vectors.search(twin, 3, new DocMask(null, deleted)).docs(), "seed " + seed);
    }
  }

  @Test
  void noVectorsAnswerNothing() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      DenseVectors vectors = RandomVectors.writeAndOpen(dir.resolve("empty.lsr"), 8, new float[0][], arena);
      assertEquals(0, vectors.size());
      assertEquals(8, vectors.dimension());
      assertEquals(0, vectors.search(new float[8], 10, DocMask.ALL).size());
      assertEquals(0, vectors.search(new float[8], 10, DocMask.allowing(RoaringBitmap.bitmapOf(0, 3))).size());
      assertThrows(IndexOutOfBoundsException.class, () -> vectors.vector(0));
    }
  }

  @Test
  void vectorsReadBackBitForBit() throws IOException {
    long seed = RandomVectors.seed("vectorsReadBackBitForBit");
    float[][] data = RandomVectors.units(new Random(seed), 50, 13);
    data[7][3] = -0.0f;
    data[8][0] = Float.MIN_VALUE;
    try (Arena arena = Arena.ofConfined()) {
      RandomVectors.writeAndOpen(dir.resolve("v.lsr"), 13, data, arena);
      DenseVectors vectors = DenseVectors.open(dir.resolve("v.lsr"), arena, IndexFile.Verify.STRUCTURE);
      assertEquals(50, vectors.size());
      assertEquals(13, vectors.dimension());
      for (int d = 0; d < data.length; d++) {
        assertArrayEquals(data[d], vectors.vector(d), "seed " + seed + ", document " + d);
      }
    }
  }

  /** Reads the file by the grammar of {@link DenseVectors}: rows from file offset 16, then dimension and count. */
  @Test
  void fileFollowsTheDocumentedLayout() throws IOException {
    Path file = dir.resolve("layout.lsr");
    try (DenseVectorsWriter w = DenseVectorsWriter.create(file, 3)) {
      w.add(new float[] {1f, 2f, 3f});
      w.add(new float[] {4f, 5f, 6f});
      w.finish();
    }
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(16 + 2 * 3 * 4 + 8 + 16, bytes.limit());
    for (int i = 0; i < 6; i++) {
      assertEquals(i + 1f, bytes.getFloat(16 + 4 * i), "float " + i);
    }
    assertEquals(3, bytes.getInt(16 + 24), "dimension");
    assertEquals(2, bytes.getInt(16 + 28), "count");
  }

  @Test
  void writerRefusesAVectorOfTheWrongLengthOrNotFiniteAndWritesNothingOfIt() throws IOException {
    Path file = dir.resolve("w.lsr");
    try (DenseVectorsWriter w = DenseVectorsWriter.create(file, 4)) {
      w.add(new float[] {1, 0, 0, 0});
      IllegalArgumentException shortVector = assertThrows(IllegalArgumentException.class, () -> w.add(new float[3]));
      assertTrue(shortVector.getMessage().contains("document 1"), shortVector.getMessage());
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> w.add(new float[] {0, Float.NaN, 0, 0}));
      assertTrue(nan.getMessage().contains("document 1") && nan.getMessage().contains("component 1"), nan.getMessage());
      assertThrows(IllegalArgumentException.class, () -> w.add(new float[] {Float.POSITIVE_INFINITY, 0, 0, 0}));
      w.add(new float[] {0, 1, 0, 0});
      assertEquals(2, w.size());
      w.finish();
    }
    try (Arena arena = Arena.ofConfined()) {
      DenseVectors vectors = DenseVectors.open(file, arena, IndexFile.Verify.CHECKSUM);
      assertEquals(2, vectors.size());
      assertArrayEquals(new float[] {0, 1, 0, 0}, vectors.vector(1));
    }
    assertThrows(IllegalArgumentException.class, () -> DenseVectorsWriter.create(dir.resolve("zero.lsr"), 0));
  }

  @Test
  void unfinishedFileIsDeletedOnClose() throws IOException {
    Path file = dir.resolve("unfinished.lsr");
    try (DenseVectorsWriter w = DenseVectorsWriter.create(file, 2)) {
      w.add(new float[] {1, 0});
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void queryOfAnotherDimensionOrKBelowOneIsRefused() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      DenseVectors vectors = RandomVectors.writeAndOpen(dir.resolve("q.lsr"), 4, new float[][] {{1, 0, 0, 0}}, arena);
      assertThrows(IllegalArgumentException.class, () -> vectors.search(new float[5], 1, DocMask.ALL));
      assertThrows(IllegalArgumentException.class, () -> vectors.search(new float[4], 0, DocMask.ALL));
    }
  }

  @Test
  void flippedByteIsCaughtByTheChecksum() throws IOException {
    long seed = RandomVectors.seed("flippedByteIsCaughtByTheChecksum");
    Path file = dir.resolve("flip.lsr");
    try (Arena arena = Arena.ofConfined()) {
      RandomVectors.writeAndOpen(file, 8, RandomVectors.units(new Random(seed), 20, 8), arena);
    }
    long at = 16 + new Random(seed).nextInt(20 * 8 * 4);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
      ch.write(b, at);
    }
    try (Arena arena = Arena.ofConfined()) {
      CorruptIndexException e = assertThrows(CorruptIndexException.class,
          () -> DenseVectors.open(file, arena, IndexFile.Verify.CHECKSUM), "seed " + seed + ", byte " + at);
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @Test
  void truncatedFileIsRefusedAtOpen() throws IOException {
    Path file = dir.resolve("cut.lsr");
    try (Arena arena = Arena.ofConfined()) {
      RandomVectors.writeAndOpen(file, 8, RandomVectors.units(new Random(1), 20, 8), arena);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5);
    }
    try (Arena arena = Arena.ofConfined()) {
      CorruptIndexException e = assertThrows(CorruptIndexException.class,
          () -> DenseVectors.open(file, arena, IndexFile.Verify.STRUCTURE));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  /** A sound container whose body is one float short of what its dimension and count need. */
  @Test
  void bodyLengthDisagreeingWithDimensionAndCountIsRefused() throws IOException {
    Path file = dir.resolve("short.lsr");
    try (IndexFileWriter w = IndexFileWriter.create(file, FileKind.DENSE_VECTORS)) {
      for (int i = 0; i < 3; i++) {
        w.writeFloat(0.5f);
      }
      w.writeInt(2);
      w.writeInt(2);
      w.finish();
    }
    try (Arena arena = Arena.ofConfined()) {
      CorruptIndexException e = assertThrows(CorruptIndexException.class,
          () -> DenseVectors.open(file, arena, IndexFile.Verify.CHECKSUM));
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("20 bytes"), e.getMessage());
    }
  }
}
