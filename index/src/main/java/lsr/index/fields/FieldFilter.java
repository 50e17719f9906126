package lsr.index.fields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lsr.data.FieldValue;
import org.roaringbitmap.RoaringBitmap;

/**
 * Conditions on metadata fields that a document must all meet. In JSON a filter is an object of
 * field: condition, each condition written as the values it accepts:
 *
 * <pre>
 * {"lang": "en", "tags": ["a", "b"], "year": {"gte": 1990, "lt": 2000}, "n": 5}
 * </pre>
 *
 * A string or an array of strings matches a string field equal to one of them, or a keyword list
 * holding one; a number matches exactly; an object of {@code gte}/{@code gt}/{@code lte}/{@code lt}
 * is a range on a number field.
 *
 * @param conditions all must hold; none lets every document through
 */
public record FieldFilter(List<FieldCondition> conditions) {

  private static final Set<String> OPERATORS = Set.of("gte", "gt", "lte", "lt");

  public FieldFilter {
    conditions = List.copyOf(conditions);
  }

  /**
   * Parses the JSON form of a filter (see the class comment).
   *
   * @throws IllegalArgumentException naming the field for anything else: nested arrays, booleans,
   *     nulls, an empty array, an unknown operator, both {@code gt} and {@code gte} (or {@code lt}
   *     and {@code lte}), a lower bound above the upper, a field name that is not valid
   */
  public static FieldFilter parse(JsonNode where) {
    if (where == null || !where.isObject()) {
      throw new IllegalArgumentException("a filter must be a JSON object of field: condition, got " + where);
    }
    List<FieldCondition> conditions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : where.properties()) {
      conditions.add(condition(FieldValue.checkName(e.getKey()), e.getValue()));
    }
    return new FieldFilter(conditions);
  }

  private static FieldCondition condition(String field, JsonNode value) {
    if (value.isTextual()) {
      return new FieldCondition.AnyOf(field, List.of(value.asText()));
    }
    if (value.isNumber()) {
      return FieldCondition.Range.equal(field, value.asDouble());
    }
    if (value.isArray()) {
      List<String> values = new ArrayList<>(value.size());
      for (JsonNode v : value) {
        if (!v.isTextual()) {
          throw new IllegalArgumentException("field '" + field + "': an array of values holds strings only, found " + v);
        }
        values.add(v.asText());
      }
      return new FieldCondition.AnyOf(field, values);
    }
    if (value.isObject()) {
      return range(field, value);
    }
    throw new IllegalArgumentException("field '" + field + "': a condition is a string, an array of strings, a number "
        + "or an object of gte/gt/lte/lt, got " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
  }

  private static FieldCondition.Range range(String field, JsonNode bounds) {
    if (bounds.isEmpty()) {
      throw new IllegalArgumentException("field '" + field + "': a range needs at least one of gte, gt, lte, lt");
    }
    for (Map.Entry<String, JsonNode> e : bounds.properties()) {
      if (!OPERATORS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "field '" + field + "': unknown operator '" + e.getKey() + "'; use gte, gt, lte or lt");
      }
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("field '" + field + "': " + e.getKey() + " needs a number, got " + e.getValue());
      }
    }
    if (bounds.has("gt") && bounds.has("gte")) {
      throw new IllegalArgumentException("field '" + field + "': give gt or gte, not both");
    }
    if (bounds.has("lt") && bounds.has("lte")) {
      throw new IllegalArgumentException("field '" + field + "': give lt or lte, not both");
    }
    JsonNode min = bounds.has("gte") ? bounds.get("gte") : bounds.get("gt");
    JsonNode max = bounds.has("lte") ? bounds.get("lte") : bounds.get("lt");
    return new FieldCondition.Range(
        field,
        min == null ? null : min.asDouble(),
        bounds.has("gte"),
        max == null ? null : max.asDouble(),
        bounds.has("lte"));
  }

  /**
   * The docs of the segment that meet every condition; a new bitmap the caller may change.
   *
   * @throws IllegalArgumentException when a condition does not fit its field's type in this
   *     segment (a range on a string field)
   */
  public RoaringBitmap matching(FieldIndex index) {
    RoaringBitmap result = RoaringBitmap.bitmapOfRange(0, index.size());
    // Every condition is evaluated, even once the result is empty, so that one misfit to a
    // field's type is reported whatever the data.
    for (FieldCondition condition : conditions) {
      result.and(index.matching(condition));
    }
    return result;
  }
}
