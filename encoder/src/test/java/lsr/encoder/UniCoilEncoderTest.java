package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import org.junit.jupiter.api.Test;

class UniCoilEncoderTest {

  @Test
  void documentsKeepTheMaximumPerTerm() {
    check(Fixtures.reference().get("documents"), TextKind.PASSAGE);
  }

  @Test
  void queriesSumRepeatedTerms() {
    check(Fixtures.reference().get("queries"), TextKind.QUERY);
  }

  @Test
  void aRepeatedQueryTermWeighsMoreThanAsADocumentTerm() {
    try (UniCoilEncoder encoder = new UniCoilEncoder(Fixtures.model("unicoil"), EncoderOptions.defaults())) {
      String text = "sparse sparse sparse search";
      int sparse = encoder.vocabulary().id("sparse");
      float asQuery = encoder.encode(List.of(text), TextKind.QUERY).get(0).get(sparse);
      float asDocument = encoder.encode(List.of(text), TextKind.PASSAGE).get(0).get(sparse);
      assertTrue(asQuery > asDocument, asQuery + " vs " + asDocument);
    }
  }

  private static void check(JsonNode cases, TextKind kind) {
    List<String> texts = Fixtures.texts(cases);
    try (UniCoilEncoder encoder = new UniCoilEncoder(Fixtures.model("unicoil"), EncoderOptions.defaults())) {
      List<SparseVector> vectors = encoder.encode(texts, kind);
      for (int i = 0; i < texts.size(); i++) {
        Map<String, Float> expected = Fixtures.weights(cases.get(i).get("unicoil"));
        Map<String, Float> actual = Fixtures.byToken(vectors.get(i), encoder.vocabulary());
        assertEquals(expected.keySet(), actual.keySet(), "terms of '" + texts.get(i) + "'");
        assertTrue(Fixtures.maxAbsDiff(expected, actual) <= 1e-4, "weights of '" + texts.get(i) + "'");
      }
    }
  }
}
