package lsr.query.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class FusionTest {

  private static Ranking ranking(String ids, float... scores) {
    return new Ranking(ids.split(" "), scores);
  }

  /** bm25: a b c (10, 6, 2); dense: c d (0.9, 0.5). */
  private static Candidates twoStages() {
    SequencedMap<String, Ranking> m = new LinkedHashMap<>();
    m.put("bm25", ranking("a b c", 10f, 6f, 2f));
    m.put("dense", ranking("c d", 0.9f, 0.5f));
    return Candidates.of(m);
  }

  @Test
  void candidatesKeepFirstAppearanceOrderAndRanks() {
    Candidates c = twoStages();
    assertEquals(4, c.size());
    assertEquals("a", c.doc(0));
    assertEquals("d", c.doc(3));
    assertEquals(3, c.rank(0, 2));
    assertEquals(1, c.rank(1, 2));
    assertEquals(0, c.rank(1, 0));
    assertTrue(Float.isNaN(c.score(1, 0)));
    assertEquals(ranking("c d", 0.9f, 0.5f), c.ranking(1));
  }

  @Test
  void rejectsADocumentReturnedTwiceByOneStage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Candidates.of("bm25", ranking("a a", 2f, 1f)));
    assertTrue(e.getMessage().contains("bm25"), e.getMessage());
  }

  @Test
  void reciprocalRankFusionAddsWeightedReciprocalRanks() {
    float[] fused = new ReciprocalRankFusion(60).fuse(twoStages(), FusionWeights.EQUAL);
    assertEquals(1.0 / 61, fused[0], 1e-7);
    assertEquals(1.0 / 62, fused[1], 1e-7);
    assertEquals(1.0 / 63 + 1.0 / 61, fused[2], 1e-7);
    assertEquals(1.0 / 62, fused[3], 1e-7);

    float[] weighted = new ReciprocalRankFusion(60)
        .fuse(twoStages(), new FusionWeights(Map.of("dense", 2.0)));
    assertEquals(1.0 / 63 + 2.0 / 61, weighted[2], 1e-7);
    assertEquals(2.0 / 62, weighted[3], 1e-7);
  }

  @Test
  void rrfRankingBreaksTiesByFirstAppearance() {
    Ranking r = new ReciprocalRankFusion().rank(twoStages(), FusionWeights.EQUAL, 10);
    // c is found by both; b and d tie at 1/62, b appeared first.
    assertArrayEquals(new String[] {"c", "a", "b", "d"}, r.ids());
    assertEquals(2, new ReciprocalRankFusion().rank(twoStages(), FusionWeights.EQUAL, 2).size());
  }

  @Test
  void minMaxGivesMissingDocumentsTheStageMinimum() {
    Candidates c = twoStages();
    assertArrayEquals(new float[] {1f, 0.5f, 0f, 0f}, Normalization.MIN_MAX.apply(c, 0), 1e-6f);
    assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, Normalization.MIN_MAX.apply(c, 1), 1e-6f);
    float[] fused = new ConvexFusion(Normalization.MIN_MAX)
        .fuse(c, new FusionWeights(Map.of("bm25", 3.0, "dense", 1.0)));
    assertArrayEquals(new float[] {0.75f, 0.375f, 0.25f, 0f}, fused, 1e-6f);
  }

  @Test
  void zScoreUsesPopulationDeviationAndStageMinimumForMissing() {
    Candidates c = twoStages();
    // bm25 10, 6, 2: mean 6, std sqrt(32/3).
    double std = Math.sqrt(32.0 / 3);
    float[] z = Normalization.Z_SCORE.apply(c, 0);
    assertEquals(4 / std, z[0], 1e-6);
    assertEquals(0, z[1], 1e-6);
    assertEquals(-4 / std, z[2], 1e-6);
    assertEquals(-4 / std, z[3], 1e-6);
    float[] dense = Normalization.Z_SCORE.apply(c, 1);
    assertArrayEquals(new float[] {-1f, -1f, 1f, -1f}, dense, 1e-6f);
  }

  @Test
  void equalScoresNormalizeWithoutDividingByZero() {
    Candidates c = Candidates.of("s", ranking("x y", 3f, 3f));
    assertArrayEquals(new float[] {1f, 1f}, Normalization.MIN_MAX.apply(c, 0));
    assertArrayEquals(new float[] {0f, 0f}, Normalization.Z_SCORE.apply(c, 0));
  }

  @Test
  void zeroWeightLeavesAStageOutAndAllZeroIsAnError() {
    Ranking onlyBm25 = new ConvexFusion(Normalization.MIN_MAX)
        .rank(twoStages(), new FusionWeights(Map.of("dense", 0.0)), 10);
    assertArrayEquals(new String[] {"a", "b", "c", "d"}, onlyBm25.ids());
    assertThrows(IllegalArgumentException.class, () -> new ReciprocalRankFusion()
        .fuse(twoStages(), new FusionWeights(Map.of("dense", 0.0, "bm25", 0.0))));
    assertThrows(IllegalArgumentException.class, () -> new FusionWeights(Map.of("x", -1.0)));
    assertThrows(IllegalArgumentException.class, () -> new FusionWeights(Map.of("x", Double.NaN)));
  }

  @Test
  void parsesMethodNamesAndListsThemWhenUnknown() {
    assertEquals(FusionMethod.Z_SCORE, FusionMethod.parse(" ZScore "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusionMethod.parse("borda"));
    assertTrue(e.getMessage().contains("rrf, minmax, zscore"), e.getMessage());
  }

  @Test
  void rankingRejectsIncreasingOrNonFiniteScores() {
    assertThrows(IllegalArgumentException.class, () -> ranking("a b", 1f, 2f));
    assertThrows(IllegalArgumentException.class, () -> ranking("a", Float.NaN));
  }
}
