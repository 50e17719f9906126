package lsr.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams dense vectors from JSON lines {@code {"id": ..., "vector": [x, ...]}} (plain or gzip). Every
 * vector must have the first one's length and finite components; a bad line names the file and line.
 */
public final class DenseVectorReader extends LineRecordReader<DenseVectorRecord> {

  private static final JsonFactory JSON = new JsonFactory();

  private int dimension = -1;

  private DenseVectorReader(Path file, ErrorPolicy policy) throws IOException {
    super(file, policy);
  }

  public static DenseVectorReader open(Path file, ErrorPolicy policy) throws IOException {
    return new DenseVectorReader(file, policy);
  }

  @Override
  protected DenseVectorRecord parse(String line) throws BadLine {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("expected a JSON object {\"id\": ..., \"vector\": [...]}");
      }
      String id = null;
      float[] values = new float[Math.max(dimension, 16)];
      int n = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("id")) {
          id = JsonFields.id(p, value, field);
        } else if (field.equals("vector")) {
          if (value != JsonToken.START_ARRAY) {
            throw new BadLine("field \"vector\" must be an array of numbers");
          }
          n = 0;
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!t.isNumeric()) {
              throw new BadLine("field \"vector\" must hold numbers only, found " + t.asString());
            }
            float x = p.getFloatValue();
            if (!Float.isFinite(x)) {
              throw new BadLine("component " + n + " of the vector is not a finite float: " + p.getText());
            }
            if (n == values.length) {
              values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = x;
          }
        } else {
          p.skipChildren();
        }
      }
      if (id == null || n <= 0) {
        throw new BadLine("a dense vector line needs \"id\" and a non-empty \"vector\" array");
      }
      if (dimension >= 0 && n != dimension) {
        throw new BadLine("vector of " + n + " dimensions; earlier ones have " + dimension);
      }
      dimension = n;
      return new DenseVectorRecord(id, Arrays.copyOf(values, n));
    } catch (JsonProcessingException e) {
      throw new BadLine("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
