package lsr.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Field readers shared by the JSON-lines readers, with the same error wording everywhere. */
final class JsonFields {

  private JsonFields() {}

  /** An id field: a non-empty string, or an integer kept as its decimal text. */
  static String id(JsonParser p, JsonToken value, String field) throws IOException, LineRecordReader.BadLine {
    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
      throw new LineRecordReader.BadLine(
          "field \"" + field + "\" must be a string or an integer, got " + value.asString());
    }
    String id = p.getText();
    if (id.isEmpty()) {
      throw new LineRecordReader.BadLine("field \"" + field + "\" is empty");
    }
    return id;
  }

  /** A text field: a string; JSON null counts as empty text. */
  static String text(JsonParser p, JsonToken value, String field) throws IOException, LineRecordReader.BadLine {
    if (value == JsonToken.VALUE_NULL) {
      return "";
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new LineRecordReader.BadLine("field \"" + field + "\" must be a string");
    }
    return p.getText();
  }
}
