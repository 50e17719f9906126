package lsr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparseVectorTest {

  @Test
  void rejectsIdsOutOfOrderAndBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {3, 3}, new float[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {4, 2}, new float[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {-1}, new float[] {1}));
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {1}, new float[] {0}));
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {1}, new float[] {Float.NaN}));
    assertThrows(IllegalArgumentException.class,
        () -> SparseVector.of(new int[] {1}, new float[] {Float.POSITIVE_INFINITY}));
    assertThrows(IllegalArgumentException.class, () -> SparseVector.of(new int[] {1, 2}, new float[] {1}));
  }

  @Test
  void fromUnsortedMergesRepeatsAndDropsZeros() {
    int[] ids = {9, 2, 9, 5};
    float[] ws = {1f, 2f, 3f, 0f};
    SparseVector max = SparseVector.fromUnsorted(ids, ws, SparseVector.Merge.MAX);
    SparseVector sum = SparseVector.fromUnsorted(ids, ws, SparseVector.Merge.SUM);
    assertArrayEquals(new int[] {2, 9}, max.termIds());
    assertArrayEquals(new float[] {2f, 3f}, max.weights());
    assertArrayEquals(new float[] {2f, 4f}, sum.weights());
  }

  @Test
  void dotMergesSortedLists() {
    SparseVector a = SparseVector.of(new int[] {1, 4, 7}, new float[] {1f, 2f, 3f});
    SparseVector b = SparseVector.of(new int[] {0, 4, 7, 8}, new float[] {5f, 0.5f, 2f, 1f});
    assertEquals(2f * 0.5f + 3f * 2f, a.dot(b));
    assertEquals(a.dot(b), b.dot(a));
    assertEquals(0f, a.dot(SparseVector.EMPTY));
  }

  @Test
  void topKKeepsLargestWeightsInIdOrder() {
    SparseVector v = SparseVector.of(new int[] {1, 2, 3, 4}, new float[] {0.5f, 3f, 1f, 3f});
    SparseVector top = v.topK(2);
    assertArrayEquals(new int[] {2, 4}, top.termIds());
    assertSame(v, v.topK(10));
    assertTrue(v.topK(0).isEmpty());
  }

  @Test
  void accessorsReturnCopies() {
    SparseVector v = SparseVector.of(new int[] {1}, new float[] {2f});
    v.termIds()[0] = 7;
    v.weights()[0] = 9f;
    assertEquals(1, v.termId(0));
    assertEquals(2f, v.weight(0));
  }

  @Test
  void bertVocabularyHasTheWordPieceIds() {
    Vocabulary vocab = Vocabulary.bertBaseUncased();
    assertEquals(30522, vocab.size());
    assertEquals(0, vocab.id("[PAD]"));
    assertEquals(101, vocab.id("[CLS]"));
    assertEquals(102, vocab.id("[SEP]"));
    assertEquals("##ing", vocab.token(vocab.id("##ing")));
    assertEquals(-1, vocab.id("not-a-token"));
  }
}
