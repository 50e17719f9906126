package lsr.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams learned-sparse vectors from JSON lines in either {@link VectorJsonlLayout}: one object per
 * line with {@code "id"} (string or integer), {@code "vector"} (an object of token to weight) and an
 * optional text field {@code "contents"} or {@code "content"}; other fields are ignored. Plain or
 * gzip (detected by magic bytes). Constant memory: one line at a time.
 *
 * <p>Tokens become term ids through a {@link Vocabulary}. Weights may be floats or integer impacts;
 * a zero weight carries nothing and is left out, a negative or non-numeric one is an error. A token
 * that is not in the vocabulary is an error in strict mode (naming file, line and token) and a
 * counted skip of that token in lenient mode. A token given twice in one vector is an error.
 */
public final class VectorJsonlReader extends LineRecordReader<VectorRecord> {

  // Field names are vocabulary tokens: String.intern of ~30k distinct names dominated reading time
  // (measured 3-6x slower); canonicalization alone keeps names shared without the global intern table.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();

  private final Vocabulary vocabulary;
  private int[] ids = new int[256];
  private float[] weights = new float[256];

  private VectorJsonlReader(Path file, Vocabulary vocabulary, ErrorPolicy policy) throws IOException {
    super(file, policy);
    this.vocabulary = vocabulary;
  }

  /** Opens {@code file} for streaming. */
  public static VectorJsonlReader open(Path file, Vocabulary vocabulary, ErrorPolicy policy)
      throws IOException {
    return new VectorJsonlReader(file, vocabulary, policy);
  }

  @Override
  protected VectorRecord parse(String line) throws BadLine {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("expected a JSON object {\"id\": ..., \"vector\": {...}}");
      }
      String id = null;
      String text = "";
      SparseVector vector = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> id = JsonFields.id(p, value, field);
          case "contents", "content" -> text = JsonFields.text(p, value, field);
          case "vector" -> vector = vectorValue(p, value);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadLine("unexpected content after the JSON object");
      }
      if (id == null) {
        throw new BadLine("field \"id\" is missing");
      }
      if (vector == null) {
        throw new BadLine("field \"vector\" is missing");
      }
      return new VectorRecord(id, vector, text);
    } catch (JsonProcessingException e) {
      throw new BadLine("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SparseVector vectorValue(JsonParser p, JsonToken value) throws IOException, BadLine {
    if (value != JsonToken.START_OBJECT) {
      throw new BadLine("field \"vector\" must be an object of token to weight");
    }
    int size = 0;
    int nonzero = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String token = p.currentName();
      JsonToken w = p.nextToken();
      if (w != JsonToken.VALUE_NUMBER_INT && w != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new BadLine("weight of token '" + token + "' must be a number");
      }
      float weight = p.getFloatValue();
      if (!(weight >= 0f) || !Float.isFinite(weight)) {
        throw new BadLine("weight of token '" + token + "' must be finite and >= 0, got " + p.getText());
      }
      int id = vocabulary.id(token);
      if (id < 0) {
        reject("token '" + token + "' is not in the vocabulary", "token");
        continue;
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        weights = Arrays.copyOf(weights, size * 2);
      }
      ids[size] = id;
      weights[size] = weight;
      size++;
      if (weight > 0f) {
        nonzero++;
      }
    }
    SparseVector vector = SparseVector.fromUnsorted(
        Arrays.copyOf(ids, size), Arrays.copyOf(weights, size), SparseVector.Merge.MAX);
    if (vector.size() != nonzero) {
      throw new BadLine("token '" + firstRepeated(size) + "' appears twice in \"vector\"");
    }
    return vector;
  }

  private String firstRepeated(int size) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < size; i++) {
      if (!seen.add(ids[i])) {
        return vocabulary.token(ids[i]);
      }
    }
    throw new IllegalStateException("no repeated token");
  }
}
