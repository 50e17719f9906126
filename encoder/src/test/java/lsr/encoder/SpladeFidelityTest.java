package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java SPLADE vectors equal the PyTorch reference for the tiny masked-LM fixture, for each of the
 * three graph shapes: same nonzero terms, weights within 1e-4.
 */
class SpladeFidelityTest {

  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @CsvSource({"splade-logits, LOGITS", "splade-pooled, POOLED", "splade-pairs, PAIRS"})
  void matchesPyTorchReference(String model, SpladeEncoder.Shape shape) {
    JsonNode cases = Fixtures.reference().get("documents");
    List<String> texts = Fixtures.texts(cases);
    try (SpladeEncoder encoder = new SpladeEncoder(Fixtures.model(model), EncoderOptions.defaults())) {
      assertEquals(shape, encoder.shape());
      // All texts in one call: batches mix lengths, so padding and length grouping are exercised.
      List<SparseVector> vectors = encoder.encode(texts, TextKind.PASSAGE);
      double worst = 0;
      for (int i = 0; i < texts.size(); i++) {
        JsonNode c = cases.get(i);
        assertArrayEquals(Fixtures.ids(c), encoder.tokenizer().encode(texts.get(i)),
            "token ids of case " + i + " differ from the reference tokenization");
        Map<String, Float> expected = Fixtures.weights(c.get("splade"));
        Map<String, Float> actual = Fixtures.byToken(vectors.get(i), encoder.vocabulary());
        assertEquals(expected.keySet(), actual.keySet(), "nonzero terms of case " + i + " '" + texts.get(i) + "'");
        double diff = Fixtures.maxAbsDiff(expected, actual);
        assertTrue(diff <= TOLERANCE, "case " + i + ": max abs diff " + diff);
        worst = Math.max(worst, diff);
      }
      System.out.printf("%s: %d texts, max abs diff %.3g%n", model, texts.size(), worst);
    }
  }

  @ParameterizedTest
  @CsvSource({"splade-logits", "splade-pooled", "splade-pairs"})
  void batchedEqualsOneByOne(String model) {
    List<String> texts = Fixtures.texts(Fixtures.reference().get("documents"));
    try (SpladeEncoder encoder = new SpladeEncoder(Fixtures.model(model), EncoderOptions.defaults())) {
      List<SparseVector> batched = encoder.encode(texts, TextKind.PASSAGE);
      for (int i = 0; i < texts.size(); i++) {
        SparseVector single = encoder.encode(List.of(texts.get(i)), TextKind.PASSAGE).get(0);
        assertEquals(single.size(), batched.get(i).size());
        for (int j = 0; j < single.size(); j++) {
          assertEquals(single.termId(j), batched.get(i).termId(j));
          assertEquals(single.weight(j), batched.get(i).weight(j), 1e-5);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "30", "100"})
  void aTokenBudgetSplitsBatchesWithoutChangingResults(int maxBatchTokens) {
    List<String> texts = Fixtures.texts(Fixtures.reference().get("documents"));
    EncoderOptions small = EncoderOptions.defaults().withMaxBatchTokens(maxBatchTokens);
    try (SpladeEncoder budget = new SpladeEncoder(Fixtures.model("splade-logits"), small);
        SpladeEncoder plain = new SpladeEncoder(Fixtures.model("splade-logits"), EncoderOptions.defaults())) {
      List<SparseVector> expected = plain.encode(texts, TextKind.PASSAGE);
      List<SparseVector> actual = budget.encode(texts, TextKind.PASSAGE);
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(expected.get(i).size(), actual.get(i).size());
        for (int j = 0; j < expected.get(i).size(); j++) {
          assertEquals(expected.get(i).termId(j), actual.get(i).termId(j));
          assertEquals(expected.get(i).weight(j), actual.get(i).weight(j), 1e-5);
        }
      }
    }
  }
}
