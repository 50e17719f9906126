package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxDenseEncoderTest {

  @Test
  void meanPoolingWithPassagePrefixMatchesPyTorch() {
    JsonNode cases = Fixtures.reference().get("densePassages");
    try (DenseEncoder encoder = Encoders.dense(Fixtures.model("dense"), EncoderOptions.defaults())) {
      List<float[]> vectors = encoder.encode(Fixtures.texts(cases), TextKind.PASSAGE);
      for (int i = 0; i < cases.size(); i++) {
        JsonNode expected = cases.get(i).get("vector");
        assertEquals(expected.size(), vectors.get(i).length);
        for (int d = 0; d < expected.size(); d++) {
          assertEquals(expected.get(d).floatValue(), vectors.get(i)[d], 1e-4, "case " + i + " dim " + d);
        }
      }
    }
  }

  @Test
  void queryPrefixChangesTheVector() {
    try (DenseEncoder encoder = Encoders.dense(Fixtures.model("dense"), EncoderOptions.defaults())) {
      float[] q = encoder.encode(List.of("sparse search"), TextKind.QUERY).get(0);
      float[] p = encoder.encode(List.of("sparse search"), TextKind.PASSAGE).get(0);
      assertTrue(dot(q, p) < 0.9999f, "query and passage prefixes should differ");
    }
  }

  /** The LangChain4j bi-encoders run straight from their Maven artifacts and rank sensibly. */
  @ParameterizedTest
  @ValueSource(strings = {"bge-small-en-v1.5-q", "all-minilm-l6-v2-q"})
  void builtInBiEncodersFromTheirJars(String name) {
    try (DenseEncoder encoder = Encoders.dense(ModelSource.builtIn(name), EncoderOptions.defaults())) {
      assertEquals(384, encoder.dimension());
      float[] query = encoder.encodeQuery("how do aircraft wings produce lift");
      List<float[]> docs = encoder.encode(List.of(
          "The pressure difference between the upper and lower surfaces of a wing generates lift.",
          "Cod and haddock are fished in the cold waters of the North Atlantic."), TextKind.PASSAGE);
      for (float[] d : docs) {
        assertEquals(1.0, dot(d, d), 1e-4, "vectors are L2-normalized");
      }
      assertTrue(dot(query, docs.get(0)) > dot(query, docs.get(1)) + 0.1,
          "the relevant passage must score clearly higher");
    }
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
