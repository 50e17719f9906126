package lsr.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;

/**
 * Compares a fast top-k with the exhaustive one, as Lucene's CheckHits.checkTopScores does: the
 * same number of hits, the same score at every rank (within a relative tolerance, since SIMD sums
 * round differently), and the same documents except where scores tie within that tolerance.
 */
public final class CheckHits {

  private CheckHits() {}

  public static void assertSameTopK(Hits expected, Hits actual, float relativeTolerance, String context) {
    assertEquals(expected.size(), actual.size(), context + ": number of hits");
    for (int i = 0; i < expected.size(); i++) {
      float e = expected.score(i);
      float a = actual.score(i);
      if (Math.abs(e - a) > relativeTolerance * Math.max(Math.abs(e), 1e-6f)) {
        fail(context + ": score at rank " + i + " expected " + e + " got " + a + "\nexpected " + expected + "\nactual   " + actual);
      }
    }
    // Documents must agree except among (near-)tied scores at the cut-off: a document clearly above
    // it in one list must be in the other list (anywhere: its score there may fall just inside the
    // tolerance band, so comparing two "clearly above" sets would fail on rounding alone).
    float last = expected.size() == 0 ? 0f : expected.score(expected.size() - 1);
    Set<Integer> expectedDocs = new HashSet<>();
    Set<Integer> actualDocs = new HashSet<>();
    for (int i = 0; i < expected.size(); i++) {
      expectedDocs.add(expected.doc(i));
      actualDocs.add(actual.doc(i));
    }
    for (int i = 0; i < expected.size(); i++) {
      if (expected.score(i) > last * (1 + relativeTolerance) && !actualDocs.contains(expected.doc(i))) {
        fail(context + ": document " + expected.doc(i) + " above the cut-off score is missing\nexpected " + expected + "\nactual   " + actual);
      }
      if (actual.score(i) > last * (1 + relativeTolerance) && !expectedDocs.contains(actual.doc(i))) {
        fail(context + ": document " + actual.doc(i) + " above the cut-off score is not in the exact top k\nexpected " + expected + "\nactual   " + actual);
      }
    }
  }

  /** Fraction of {@code expected}'s documents that {@code actual} also returned. */
  public static double recall(Hits expected, Hits actual) {
    if (expected.size() == 0) {
      return 1.0;
    }
    Set<Integer> found = new HashSet<>();
    for (int d : actual.docs()) {
      found.add(d);
    }
    int hit = 0;
    for (int d : expected.docs()) {
      if (found.contains(d)) {
        hit++;
      }
    }
    return hit / (double) expected.size();
  }
}
