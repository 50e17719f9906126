package lsr.query.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lsr.query.fusion.Ranking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseIndexTest {

  private static final long SEED = 4242L;

  static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static FlatDenseIndex randomIndex(int n, int dim, Random random) {
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("doc" + i);
      vectors.add(unit(random, dim));
    }
    return FlatDenseIndex.of(ids, vectors);
  }

  /** The exhaustive answer, computed the slow obvious way. */
  private static List<String> bruteForce(FlatDenseIndex index, float[] q, int k, Set<String> allowed) {
    List<Map.Entry<String, Double>> all = new ArrayList<>();
    for (int d = 0; d < index.size(); d++) {
      if (allowed == null || allowed.contains(index.id(d))) {
        float[] v = index.vector(d);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
          s += q[i] * v[i];
        }
        all.add(new AbstractMap.SimpleEntry<>(index.id(d), s));
      }
    }
    all.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    return all.subList(0, Math.min(k, all.size())).stream().map(Map.Entry::getKey).toList();
  }

  @Test
  void flatSearchIsExactWithAndWithoutFilter() {
    System.out.println("seed " + SEED);
    Random random = new Random(SEED);
    FlatDenseIndex index = randomIndex(500, 37, random);
    Set<String> allowed = new HashSet<>();
    for (int i = 0; i < 500; i += 7) {
      allowed.add("doc" + i);
    }
    for (int q = 0; q < 20; q++) {
      float[] query = unit(random, 37);
      Ranking r = index.search(query, 10, null);
      assertEquals(bruteForce(index, query, 10, null), List.of(r.ids()));
      Ranking filtered = index.search(query, 10, allowed);
      assertEquals(bruteForce(index, query, 10, allowed), List.of(filtered.ids()));
    }
    assertEquals(3, index.search(unit(random, 37), 10, Set.of("doc1", "doc2", "doc3")).size());
    assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 10, null));
  }

  @Test
  void hnswFindsNearlyWhatFlatFindsWithTheSameScores(@TempDir Path dir) throws IOException {
    Random random = new Random(SEED);
    FlatDenseIndex flat = randomIndex(2000, 32, random);
    List<Map.Entry<String, float[]>> pairs = new ArrayList<>();
    for (int d = 0; d < flat.size(); d++) {
      pairs.add(Map.entry(flat.id(d), flat.vector(d)));
    }
    HnswDenseIndex.build(dir, pairs.iterator());
    try (HnswDenseIndex hnsw = HnswDenseIndex.open(dir)) {
      assertEquals(2000, hnsw.size());
      assertEquals(32, hnsw.dimension());
      int found = 0;
      for (int q = 0; q < 30; q++) {
        float[] query = unit(random, 32);
        Ranking exact = flat.search(query, 10, null);
        Ranking approx = hnsw.search(query, 10, null);
        List<String> truth = List.of(exact.ids());
        for (int i = 0; i < approx.size(); i++) {
          int j = truth.indexOf(approx.id(i));
          if (j >= 0) {
            found++;
            assertEquals(exact.score(j), approx.score(i), 1e-5f, "scores are dot products in both");
          }
        }
      }
      assertTrue(found >= 0.95 * 300, "HNSW recall@10 " + found / 300.0);
      Set<String> allowed = Set.of("doc5", "doc77", "doc1234");
      assertEquals(allowed, Set.of(hnsw.search(unit(random, 32), 10, allowed).ids()));
    }
  }

  @Test
  void flatIndexRoundTripsThroughItsFileAndRefusesCorruption(@TempDir Path dir) throws IOException {
    FlatDenseIndex index = randomIndex(50, 8, new Random(SEED));
    index.write(dir);
    FlatDenseIndex read = FlatDenseIndex.read(dir);
    assertEquals(50, read.size());
    for (int d = 0; d < 50; d++) {
      assertEquals(index.id(d), read.id(d));
      assertArrayEquals(index.vector(d), read.vector(d));
    }
    Path file = dir.resolve(FlatDenseIndex.FILE_NAME);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(100);
      int b = raf.read();
      raf.seek(100);
      raf.write(b ^ 0x40);
    }
    IOException corrupt = assertThrows(IOException.class, () -> FlatDenseIndex.read(dir));
    assertTrue(corrupt.getMessage().contains("checksum"), corrupt.getMessage());
    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 60));
    IOException truncated = assertThrows(IOException.class, () -> FlatDenseIndex.read(dir));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    IOException missing = assertThrows(IOException.class, () -> FlatDenseIndex.read(dir.resolve("none")));
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
  }
}
