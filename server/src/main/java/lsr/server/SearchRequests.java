package lsr.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lsr.query.service.SearchRequest;

/**
 * Reads a {@link SearchRequest} from query parameters (GET) or a JSON object (POST). Both accept the
 * same field names; a value of the wrong type is refused with a message naming the field.
 */
final class SearchRequests {

  static final Set<String> FIELDS =
      Set.of("query", "k", "pipeline", "fusion", "weights", "queryCut", "heapFactor", "filter", "where", "explain");

  private SearchRequests() {}

  /**
   * From query parameters: {@code weights} as {@code stage:weight,stage:weight}, {@code filter} as
   * comma-separated ids, {@code where} as a JSON object.
   */
  static SearchRequest fromParams(Function<String, String> param, Set<String> given) {
    for (String name : given) {
      if (!FIELDS.contains(name)) {
        throw unknownField(name);
      }
    }
    String weights = param.apply("weights");
    String filter = param.apply("filter");
    return new SearchRequest(
        param.apply("query"),
        integer("k", param.apply("k")),
        param.apply("pipeline"),
        param.apply("fusion"),
        weights == null ? null : weights(weights),
        integer("queryCut", param.apply("queryCut")),
        decimal("heapFactor", param.apply("heapFactor")),
        filter == null ? null : Arrays.stream(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        where(param.apply("where")),
        bool("explain", param.apply("explain")));
  }

  /** From a JSON object: {@code weights} an object of numbers, {@code filter} an array of strings. */
  static SearchRequest fromJson(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("invalid_body", "the request body must be a JSON object");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw unknownField(name);
      }
    });
    return new SearchRequest(
        text(body, "query"),
        body.hasNonNull("k") ? integer(body, "k") : null,
        text(body, "pipeline"),
        text(body, "fusion"),
        body.hasNonNull("weights") ? weights(body.get("weights")) : null,
        body.hasNonNull("queryCut") ? integer(body, "queryCut") : null,
        body.hasNonNull("heapFactor") ? number(body, "heapFactor") : null,
        body.hasNonNull("filter") ? ids(body.get("filter")) : null,
        body.hasNonNull("where") ? body.get("where") : null,
        body.hasNonNull("explain") ? bool(body, "explain") : null);
  }

  private static ApiException unknownField(String name) {
    return ApiException.badRequest("unknown_field",
        "unknown field '" + name + "'; accepted: " + String.join(", ", FIELDS.stream().sorted().toList()));
  }

  private static Integer integer(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid_parameter", "parameter '" + field + "' must be an integer, got '" + value + "'");
    }
  }

  private static Double decimal(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid_parameter", "parameter '" + field + "' must be a number, got '" + value + "'");
    }
  }

  private static Boolean bool(String field, String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest("invalid_parameter",
          "parameter '" + field + "' must be true or false, got '" + value + "'");
    };
  }

  /** The where parameter as JSON; what its conditions may say is checked by the service. */
  private static JsonNode where(String value) {
    if (value == null) {
      return null;
    }
    JsonNode where;
    try {
      where = HttpJson.MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid_parameter", "parameter 'where' must be a JSON object such as"
          + " {\"lang\": \"en\"}: " + e.getOriginalMessage());
    }
    if (where == null || !where.isObject()) {
      throw ApiException.badRequest("invalid_parameter", "parameter 'where' must be a JSON object such as {\"lang\": \"en\"}");
    }
    return where;
  }

  private static Map<String, Double> weights(String spec) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split(":");
      if (kv.length != 2 || kv[0].isBlank()) {
        throw ApiException.badRequest("invalid_parameter",
            "parameter 'weights' must look like bm25:0.3,splade:1, got '" + spec + "'");
      }
      m.put(kv[0].trim(), decimal("weights", kv[1]));
    }
    return m;
  }

  /** The string field {@code field} of {@code body}, null when absent. */
  static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("invalid_field", "field '" + field + "' must be a string");
    }
    return n.asText();
  }

  private static int integer(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw ApiException.badRequest("invalid_field", "field '" + field + "' must be an integer, got " + n);
    }
    return n.asInt();
  }

  private static double number(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (!n.isNumber()) {
      throw ApiException.badRequest("invalid_field", "field '" + field + "' must be a number, got " + n);
    }
    return n.asDouble();
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (!n.isBoolean()) {
      throw ApiException.badRequest("invalid_field", "field '" + field + "' must be true or false, got " + n);
    }
    return n.asBoolean();
  }

  private static Map<String, Double> weights(JsonNode n) {
    if (!n.isObject()) {
      throw ApiException.badRequest("invalid_field", "field 'weights' must be an object of stage: weight");
    }
    Map<String, Double> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber()) {
        throw ApiException.badRequest("invalid_field",
            "field 'weights." + e.getKey() + "' must be a number, got " + e.getValue());
      }
      m.put(e.getKey(), e.getValue().asDouble());
    });
    return m;
  }

  private static List<String> ids(JsonNode n) {
    if (!n.isArray()) {
      throw ApiException.badRequest("invalid_field", "field 'filter' must be an array of document ids");
    }
    List<String> ids = new ArrayList<>(n.size());
    for (JsonNode id : n) {
      if (!id.isTextual()) {
        throw ApiException.badRequest("invalid_field", "field 'filter' must hold strings, got " + id);
      }
      ids.add(id.asText());
    }
    return ids;
  }
}
