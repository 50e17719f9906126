package lsr.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Streams BEIR's JSON lines: {@code corpus.jsonl} objects {@code {"_id", "title", "text", "metadata"}}
 * as {@link Document}s, {@code queries.jsonl} objects {@code {"_id", "text"}} as {@link Query}s. A
 * document's {@code metadata} object becomes its fields (strings, numbers, arrays of strings; any
 * other value is an error); other members are ignored; a missing {@code title} is an empty title; a
 * missing {@code _id} or {@code text} is an error.
 */
public final class BeirJsonlReader<T> extends LineRecordReader<T> {

  private static final JsonFactory JSON = new com.fasterxml.jackson.databind.MappingJsonFactory();

  private record Fields(String id, String title, String text, java.util.Map<String, FieldValue> metadata) {}

  private final Function<Fields, T> make;

  private BeirJsonlReader(Path file, ErrorPolicy policy, Function<Fields, T> make) throws IOException {
    super(file, policy);
    this.make = make;
  }

  /** Opens a {@code corpus.jsonl}. */
  public static BeirJsonlReader<Document> corpus(Path file, ErrorPolicy policy) throws IOException {
    return new BeirJsonlReader<>(file, policy, f -> new Document(f.id, f.title, f.text, f.metadata));
  }

  /** Opens a {@code queries.jsonl}. */
  public static BeirJsonlReader<Query> queries(Path file, ErrorPolicy policy) throws IOException {
    return new BeirJsonlReader<>(file, policy, f -> new Query(f.id, f.text));
  }

  private static java.util.Map<String, FieldValue> metadata(JsonParser p, JsonToken value)
      throws IOException, BadLine {
    if (value == JsonToken.VALUE_NULL) {
      return java.util.Map.of();
    }
    if (value != JsonToken.START_OBJECT) {
      throw new BadLine("field \"metadata\" must be an object");
    }
    try {
      return FieldValue.fromJsonObject(p.readValueAsTree());
    } catch (IllegalArgumentException e) {
      throw new BadLine("field \"metadata\": " + e.getMessage());
    }
  }

  @Override
  protected T parse(String line) throws BadLine {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("expected a JSON object {\"_id\": ..., \"text\": ...}");
      }
      String id = null;
      String title = "";
      String text = null;
      java.util.Map<String, FieldValue> metadata = java.util.Map.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "_id" -> id = JsonFields.id(p, value, field);
          case "title" -> title = JsonFields.text(p, value, field);
          case "text" -> text = JsonFields.text(p, value, field);
          case "metadata" -> metadata = metadata(p, value);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadLine("unexpected content after the JSON object");
      }
      if (id == null) {
        throw new BadLine("field \"_id\" is missing");
      }
      if (text == null) {
        throw new BadLine("field \"text\" is missing");
      }
      return make.apply(new Fields(id, title, text, metadata));
    } catch (JsonProcessingException e) {
      throw new BadLine("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
