package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lsr.data.SparseVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model's {@code queryTopK} keeps a query's largest weights and leaves passages whole. */
class QueryTopKTest {

  private static final String TEXT = "learned sparse retrieval with inverted indexes and block summaries";
  private static final int CAP = 3;

  @ParameterizedTest
  @ValueSource(strings = {"splade-logits", "splade-pooled", "splade-pairs", "unicoil"})
  void queriesKeepTheirLargestWeightsAndPassagesAll(String model) {
    ModelSource whole = Fixtures.model(model);
    ModelConfig config = whole.config();
    ModelSource capped = whole.withConfig(new ModelConfig(config.type(), config.output(), config.maxLength(),
        config.pooling(), config.queryPrefix(), config.passagePrefix(), config.normalize(), config.maxBatchSize(),
        CAP));
    SparseVector fullQuery = encode(whole, TextKind.QUERY);
    SparseVector fullPassage = encode(whole, TextKind.PASSAGE);
    assertTrue(fullQuery.size() > CAP, "the fixture text must have more than " + CAP + " query terms");

    assertEquals(fullQuery.topK(CAP), encode(capped, TextKind.QUERY));
    assertEquals(fullPassage, encode(capped, TextKind.PASSAGE));
  }

  private static SparseVector encode(ModelSource source, TextKind kind) {
    if (source.config().type() == ModelType.UNICOIL) {
      try (UniCoilEncoder encoder = new UniCoilEncoder(source, EncoderOptions.defaults())) {
        return encoder.encode(List.of(TEXT), kind).get(0);
      }
    }
    try (SpladeEncoder encoder = new SpladeEncoder(source, EncoderOptions.defaults())) {
      return encoder.encode(List.of(TEXT), kind).get(0);
    }
  }
}
