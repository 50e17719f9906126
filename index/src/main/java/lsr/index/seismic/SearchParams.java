package lsr.index.seismic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query-time knobs of a Seismic search. Defaults are defined here and only here; the command line
 * spells them {@code --query-cut}, {@code --heap-factor}, {@code --filter-exact-threshold},
 * {@code --[no-]sort-first-list}.
 *
 * @param queryCut only the lists of the {@code queryCut} largest query terms are walked (summaries
 *     and documents are still scored with the whole query)
 * @param heapFactor once k documents are held, a block is skipped when its summary score is below
 *     {@code heapFactor ×} the k-th best score; in (0, 1], smaller skips fewer blocks (safer and
 *     slower); with lossless summaries, 1 skips only blocks that cannot hold a better document
 * @param filterExactThreshold a filter allowing at most this many documents is answered by scoring
 *     each allowed document exactly, which no pruning can make miss
 * @param sortFirstList the first list's blocks are evaluated in decreasing summary score, so the
 *     heap holds good documents early and the heap-factor test skips more of every list (the
 *     reference implementation's default; the other lists keep their order)
 */
public record SearchParams(int queryCut, double heapFactor, int filterExactThreshold, boolean sortFirstList) {

  // The reference implementation's best configurations for 95% recall on MS MARCO walk 4 lists
  // with heap factor 0.9; its code defaults (10 and 0.7) score far more documents for no recall.
  public static final int DEFAULT_QUERY_CUT = 5;
  public static final double DEFAULT_HEAP_FACTOR = 0.9;
  public static final int DEFAULT_FILTER_EXACT_THRESHOLD = 5000;
  public static final boolean DEFAULT_SORT_FIRST_LIST = true;

  public static final SearchParams DEFAULTS =
      new SearchParams(DEFAULT_QUERY_CUT, DEFAULT_HEAP_FACTOR, DEFAULT_FILTER_EXACT_THRESHOLD, DEFAULT_SORT_FIRST_LIST);

  public SearchParams {
    if (queryCut < 1) {
      throw new IllegalArgumentException("queryCut must be >= 1, got " + queryCut);
    }
    if (!(heapFactor > 0 && heapFactor <= 1)) {
      throw new IllegalArgumentException("heapFactor must be in (0, 1], got " + heapFactor);
    }
    if (filterExactThreshold < 0) {
      throw new IllegalArgumentException("filterExactThreshold must be >= 0, got " + filterExactThreshold);
    }
  }

  public SearchParams withQueryCut(int q) {
    return new SearchParams(q, heapFactor, filterExactThreshold, sortFirstList);
  }

  public SearchParams withHeapFactor(double h) {
    return new SearchParams(queryCut, h, filterExactThreshold, sortFirstList);
  }

  public SearchParams withFilterExactThreshold(int t) {
    return new SearchParams(queryCut, heapFactor, t, sortFirstList);
  }

  public SearchParams withSortFirstList(boolean sort) {
    return new SearchParams(queryCut, heapFactor, filterExactThreshold, sort);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queryCut", queryCut);
    m.put("heapFactor", heapFactor);
    m.put("filterExactThreshold", filterExactThreshold);
    m.put("sortFirstList", sortFirstList);
    return m;
  }

  /** The inverse of {@link #toMap()}; knobs not in {@code m} keep their defaults. */
  public static SearchParams fromMap(Map<String, ?> m) {
    SearchParams p = DEFAULTS;
    for (Map.Entry<String, ?> e : m.entrySet()) {
      String v = String.valueOf(e.getValue());
      p =
          switch (e.getKey()) {
            case "queryCut" -> p.withQueryCut(Integer.parseInt(v));
            case "heapFactor" -> p.withHeapFactor(Double.parseDouble(v));
            case "filterExactThreshold" -> p.withFilterExactThreshold(Integer.parseInt(v));
            case "sortFirstList" -> p.withSortFirstList(parseBoolean(e.getKey(), v));
            default ->
                throw new IllegalArgumentException(
                    "unknown Seismic search parameter '" + e.getKey() + "'; known: " + DEFAULTS.toMap().keySet());
          };
    }
    return p;
  }

  private static boolean parseBoolean(String knob, String v) {
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(knob + " must be true or false, got '" + v + "'");
    };
  }
}
