package lsr.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The value of one metadata field of a document: a string, a number or a list of keywords. In JSON a
 * field is written as itself: {@code "en"}, {@code 1999}, {@code ["a", "b"]}.
 */
public sealed interface FieldValue {

  /** Longest field name; names are letters, digits, {@code _}, {@code -} and {@code .}. */
  int MAX_NAME_CHARS = 64;

  FieldType type();

  /** The value as JSON. */
  JsonNode toJson();

  /** One string. */
  record Text(String value) implements FieldValue {
    public Text {
      if (value == null) {
        throw new IllegalArgumentException("a string field's value must not be null");
      }
    }

    @Override
    public FieldType type() {
      return FieldType.STRING;
    }

    @Override
    public JsonNode toJson() {
      return JsonNodeFactory.instance.textNode(value);
    }
  }

  /** One finite number. */
  record Number(double value) implements FieldValue {
    public Number {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a number field must be finite, got " + value);
      }
    }

    @Override
    public FieldType type() {
      return FieldType.NUMBER;
    }

    @Override
    public JsonNode toJson() {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? JsonNodeFactory.instance.numberNode((long) value)
          : JsonNodeFactory.instance.numberNode(value);
    }
  }

  /** A list of strings. */
  record Keywords(List<String> values) implements FieldValue {
    public Keywords {
      values = List.copyOf(values);
    }

    @Override
    public FieldType type() {
      return FieldType.KEYWORDS;
    }

    @Override
    public JsonNode toJson() {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      values.forEach(a::add);
      return a;
    }
  }

  /**
   * The field a JSON value holds: a string, a number, or an array of strings.
   *
   * @throws IllegalArgumentException naming the field for anything else
   */
  static FieldValue fromJson(String name, JsonNode value) {
    if (value.isTextual()) {
      return new Text(value.asText());
    }
    if (value.isNumber()) {
      return new Number(value.asDouble());
    }
    if (value.isArray()) {
      List<String> keywords = new ArrayList<>(value.size());
      for (JsonNode k : value) {
        if (!k.isTextual()) {
          throw new IllegalArgumentException("field '" + name + "': a keyword list holds strings only, found " + k);
        }
        keywords.add(k.asText());
      }
      return new Keywords(keywords);
    }
    throw new IllegalArgumentException("field '" + name + "' must be a string, a number or an array of strings, got "
        + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
  }

  /** Every field of a JSON object, by name in sorted order. */
  static Map<String, FieldValue> fromJsonObject(JsonNode object) {
    if (!object.isObject()) {
      throw new IllegalArgumentException("fields must be a JSON object of name: value");
    }
    Map<String, FieldValue> fields = new TreeMap<>();
    object.properties().forEach(e -> fields.put(checkName(e.getKey()), fromJson(e.getKey(), e.getValue())));
    return fields;
  }

  /** {@code name} when it is a valid field name. */
  static String checkName(String name) {
    if (!NamePattern.VALID.matcher(name).matches()) {
      throw new IllegalArgumentException("field name '" + name + "' is not valid: use 1 to " + MAX_NAME_CHARS
          + " letters, digits, '_', '-' or '.'");
    }
    return name;
  }

  /** Holds the compiled pattern (an interface's fields are public). */
  final class NamePattern {
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_NAME_CHARS + "}");

    private NamePattern() {}
  }
}
