package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lsr.data.SparseVector;
import org.junit.jupiter.api.Test;

class SparsePruningTest {

  private static final SparseVector V = SparseVector.of(new int[] {1, 4, 7, 9}, new float[] {0.5f, 2f, 0.1f, 1f});

  @Test
  void thresholdDropsSmallWeights() {
    assertEquals(SparseVector.of(new int[] {1, 4, 9}, new float[] {0.5f, 2f, 1f}), new SparsePruning(0, 0.5f).apply(V));
  }

  @Test
  void topKKeepsTheLargest() {
    assertEquals(SparseVector.of(new int[] {4, 9}, new float[] {2f, 1f}), new SparsePruning(2, 0f).apply(V));
    assertEquals(V, SparsePruning.NONE.apply(V));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SparsePruning(-1, 0f));
    assertThrows(IllegalArgumentException.class, () -> new SparsePruning(0, Float.NaN));
  }

  @Test
  void encoderAppliesPruning() {
    String text = "The quick brown fox jumps over the lazy dog.";
    try (SparseEncoder all = Encoders.sparse(Fixtures.model("splade-pooled"), EncoderOptions.defaults());
        SparseEncoder top5 = Encoders.sparse(Fixtures.model("splade-pooled"),
            EncoderOptions.defaults().withPruning(new SparsePruning(5, 0f)))) {
      SparseVector full = all.encode(List.of(text), TextKind.PASSAGE).get(0);
      SparseVector pruned = top5.encode(List.of(text), TextKind.PASSAGE).get(0);
      assertTrue(full.size() > 5);
      assertEquals(full.topK(5), pruned);
    }
  }
}
