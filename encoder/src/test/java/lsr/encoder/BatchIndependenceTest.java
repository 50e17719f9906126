package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lsr.data.SparseVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text must encode to the same vector whatever else shares its batch: an index built in batches
 * must agree with queries encoded one at a time, and a resumed run must reproduce an uninterrupted
 * one. The shipped int8 models quantize activations per run, so this holds only because their
 * {@code maxBatchSize} keeps each text in a run of its own.
 */
class BatchIndependenceTest {

  private static final List<String> TEXTS = List.of(
      "flow over a flat plate at supersonic speed",
      "an algorithm for sorting linked lists in linear time with little extra memory",
      "blood pressure",
      "the boundary layer of a heated cylinder in a stream of air, measured at several Reynolds numbers");

  @ParameterizedTest
  @ValueSource(strings = {"splade", "unicoil"})
  void shippedModelsEncodeATextAloneAsInABatch(String name) {
    try (SparseEncoder encoder = Encoders.sparse(ModelSource.shippedOrNull(name), EncoderOptions.defaults())) {
      assertEquals(1, encoder.textsPerRun(), "what parallel encoding sizes its chunks by");
      List<SparseVector> batched = encoder.encode(TEXTS, TextKind.PASSAGE);
      for (int t = 0; t < TEXTS.size(); t++) {
        int i = t;
        SparseVector alone = encoder.encode(List.of(TEXTS.get(i)), TextKind.PASSAGE).get(0);
        assertTrue(alone.equals(batched.get(i)), () -> name + ": text " + i + " encodes differently alone ("
            + alone.size() + " terms) than in a batch of " + TEXTS.size() + " (" + batched.get(i).size() + " terms)");
      }
    }
  }
}
