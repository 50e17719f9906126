package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lsr.data.SparseVector;
import org.junit.jupiter.api.Test;

class ImpactQuantizerTest {

  @Test
  void roundsWeightTimesScaleAndDropsZeros() {
    SparseVector v = SparseVector.of(new int[] {3, 5, 8}, new float[] {1.234f, 0.004f, 0.006f});
    assertEquals(SparseVector.of(new int[] {3, 8}, new float[] {123f, 1f}),
        new ImpactQuantizer(ImpactQuantizer.DEFAULT_SCALE).quantize(v));
  }

  @Test
  void scaleMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ImpactQuantizer(0f));
  }
}
