package lsr.index.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;

/**
 * What {@code lsr bench} measures: the methods, and for Seismic every combination of the build
 * values (one index each) crossed with every combination of the search values. Read from YAML:
 *
 * <pre>
 * methods: [exact, seismic, lucene-impact]   # exact always runs: it is the ground truth
 * seismic:
 *   build:                                   # SeismicConfig knobs, each a value or a list
 *     nPostings: [3500]
 *   search:                                  # SearchParams knobs, each a value or a list
 *     queryCut: [5, 10, 20]
 *     heapFactor: [0.5, 0.7, 0.9]
 * </pre>
 *
 * Knob names are the Java/JSON names ({@code heapFactor}) or the command-line ones
 * ({@code heap-factor}); knobs not given keep their defaults.
 */
public record BenchGrid(List<String> methods, List<SeismicConfig> builds, List<SearchParams> searches) {

  public static final List<String> METHODS = List.of("exact", "seismic", "lucene-impact");

  /** Seismic defaults, with a sweep of query cut and heap factor around them to draw a curve. */
  public static BenchGrid defaults() {
    List<SearchParams> searches = new ArrayList<>();
    for (int cut : new int[] {3, 5, 10}) {
      for (double factor : new double[] {0.7, 0.8, 0.9}) {
        searches.add(SearchParams.DEFAULTS.withQueryCut(cut).withHeapFactor(factor));
      }
    }
    return new BenchGrid(METHODS, List.of(SeismicConfig.DEFAULTS), searches);
  }

  public BenchGrid {
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "': use " + METHODS);
      }
    }
    if (methods.contains("seismic") && (builds.isEmpty() || searches.isEmpty())) {
      throw new IllegalArgumentException("a grid with seismic needs at least one build and one search setting");
    }
  }

  public static BenchGrid read(Path yaml) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(yaml + ": expected a YAML mapping with 'methods' and 'seismic'");
    }
    List<String> methods = new ArrayList<>();
    if (root.has("methods")) {
      for (JsonNode m : root.get("methods")) {
        methods.add(m.asText());
      }
    } else {
      methods.addAll(METHODS);
    }
    if (!methods.contains("exact")) {
      methods.add(0, "exact");
    }
    JsonNode seismic = root.path("seismic");
    try {
      List<SeismicConfig> builds = new ArrayList<>();
      for (Map<String, Object> combo : combinations(seismic.path("build"))) {
        builds.add(SeismicConfig.fromMap(combo));
      }
      List<SearchParams> searches = new ArrayList<>();
      for (Map<String, Object> combo : combinations(seismic.path("search"))) {
        searches.add(SearchParams.fromMap(combo));
      }
      return new BenchGrid(methods, builds, searches);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(yaml + ": " + e.getMessage(), e);
    }
  }

  /** Every combination of the node's fields, each field a scalar or a list of scalars. */
  static List<Map<String, Object>> combinations(JsonNode node) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = camelCase(field.getKey());
      List<Object> values = new ArrayList<>();
      if (field.getValue().isArray()) {
        field.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(field.getValue().asText());
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : values) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(name, v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** {@code heap-factor} → {@code heapFactor}; camel case passes through. */
  static String camelCase(String name) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
