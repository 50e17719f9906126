package lsr.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;

/**
 * The tiny models and PyTorch reference vectors in {@code lsr/encoder/fixture/}, written by
 * {@code encoder/scripts/make_fidelity_fixture.py}.
 */
final class Fixtures {

  static final String ROOT = "lsr/encoder/fixture/";

  private Fixtures() {}

  static ModelSource model(String name) {
    return ModelSource.classpath(ROOT + name);
  }

  /** The fixture model's folder on disk (test resources are plain files). */
  static Path folder(String name) {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource(ROOT + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode reference() {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + "reference.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> texts(JsonNode cases) {
    List<String> texts = new ArrayList<>();
    for (JsonNode c : cases) {
      texts.add(c.get("text").asText());
    }
    return texts;
  }

  static long[] ids(JsonNode c) {
    long[] ids = new long[c.get("ids").size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = c.get("ids").get(i).asLong();
    }
    return ids;
  }

  /** A {token: weight} object as a sorted map. */
  static Map<String, Float> weights(JsonNode object) {
    Map<String, Float> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().floatValue());
    }
    return m;
  }

  static Map<String, Float> byToken(SparseVector v, Vocabulary vocabulary) {
    Map<String, Float> m = new TreeMap<>();
    for (int i = 0; i < v.size(); i++) {
      m.put(vocabulary.token(v.termId(i)), v.weight(i));
    }
    return m;
  }

  /** The largest absolute difference between two vectors with the same keys. */
  static double maxAbsDiff(Map<String, Float> expected, Map<String, Float> actual) {
    double max = 0;
    for (Map.Entry<String, Float> e : expected.entrySet()) {
      max = Math.max(max, Math.abs(e.getValue() - actual.get(e.getKey())));
    }
    return max;
  }
}
