package lsr.index;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckHitsTest {

  private static Hits hits(int[] docs, float[] scores) {
    return new Hits(docs, scores, SearchCost.NONE);
  }

  @Test
  void aDocumentWhoseScoreRoundsIntoTheTieBandStillCounts() {
    // Seen with SIMD sums: document 7 is clearly above the cut-off in the exact list and just
    // inside the tolerance band in the approximate one.
    Hits expected = hits(new int[] {5, 7, 9}, new float[] {300f, 229.70999f, 229.47615f});
    Hits actual = hits(new int[] {5, 7, 9}, new float[] {300.01f, 229.6836f, 229.48174f});
    CheckHits.assertSameTopK(expected, actual, 1e-3f, "rounding");
  }

  @Test
  void aMissingDocumentAboveTheCutOffFails() {
    Hits expected = hits(new int[] {5, 7, 9}, new float[] {300f, 250f, 200f});
    Hits actual = hits(new int[] {5, 8, 9}, new float[] {300f, 250f, 200f});
    assertThrows(AssertionError.class, () -> CheckHits.assertSameTopK(expected, actual, 1e-3f, "missing"));
  }

  @Test
  void tiesAtTheCutOffMayDiffer() {
    Hits expected = hits(new int[] {5, 7, 9}, new float[] {300f, 250f, 200f});
    Hits actual = hits(new int[] {5, 7, 4}, new float[] {300f, 250f, 200.05f});
    CheckHits.assertSameTopK(expected, actual, 1e-3f, "tie");
  }

  @Test
  void aDifferentScoreFails() {
    Hits expected = hits(new int[] {5, 7, 9}, new float[] {300f, 250f, 200f});
    Hits actual = hits(new int[] {5, 7, 9}, new float[] {300f, 240f, 200f});
    assertThrows(AssertionError.class, () -> CheckHits.assertSameTopK(expected, actual, 1e-3f, "score"));
  }
}
