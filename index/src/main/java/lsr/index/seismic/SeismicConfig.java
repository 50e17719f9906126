package lsr.index.seismic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Build-time knobs of a Seismic index. The defaults are defined here and only here; the command
 * line shows them in {@code --help} and spells each knob in kebab case ({@code nPostings} is
 * {@code --n-postings}); JSON uses the component names.
 *
 * @param pruning how posting lists are cut ({@link PruningStrategy})
 * @param nPostings average number of postings kept per list (global budget), or the size of every
 *     list under {@link PruningStrategy#FIXED_SIZE}; {@link #AUTO_N_POSTINGS} (written "auto")
 *     derives it from the collection ({@link #postingsPerList}); a segment holding a share of a
 *     collection keeps that share of the budget
 * @param maxFraction under {@link PruningStrategy#GLOBAL_THRESHOLD}, no list keeps more than
 *     {@code nPostings × maxFraction} postings
 * @param centroidFraction each list is clustered around {@code centroidFraction × length} random
 *     centroids (at least one); no block holds more than {@link #maxBlockSize()} documents
 * @param minClusterSize a cluster with {@code minClusterSize} documents or fewer is dissolved and
 *     its documents join their next best centroid (the reference implementation's meaning)
 * @param kmeansDocCut a document is matched to centroids on its {@code kmeansDocCut} largest
 *     entries only
 * @param summaryEnergy a block summary keeps the largest coordinates of the block's coordinate-wise
 *     maximum until they hold this share of its L1 mass; 1 keeps them all (lossless summaries)
 * @param valueType weight precision of the forward index
 * @param seed seed of the random centroid choice; the same seed and input give the same index
 */
public record SeismicConfig(
    PruningStrategy pruning,
    int nPostings,
    double maxFraction,
    double centroidFraction,
    int minClusterSize,
    int kmeansDocCut,
    double summaryEnergy,
    ValueType valueType,
    long seed) {

  public static final PruningStrategy DEFAULT_PRUNING = PruningStrategy.GLOBAL_THRESHOLD;
  /** The value of {@code nPostings} that means "derive it from the collection". */
  public static final int AUTO_N_POSTINGS = 0;
  /**
   * Under "auto", a list keeps this share of the average list length: about what the reference's
   * 3000-4500 postings keep of MS MARCO's SPLADE lists (8.8M passages, 120-200 entries each).
   */
  public static final double AUTO_POSTINGS_SHARE = 0.1;
  /**
   * Under "auto", lists keep at least this many postings: small collections are barely pruned. Low
   * enough that the tenth applies from about a million passages, where summaries and postings would
   * otherwise outgrow the forward index (1M synthetic: 1.45x the forward index, against 1.78x with
   * a floor of 1000, recall@10 0.998 at the default search settings).
   */
  public static final int AUTO_MIN_POSTINGS = 500;
  public static final int DEFAULT_N_POSTINGS = AUTO_N_POSTINGS;
  public static final double DEFAULT_MAX_FRACTION = 1.5;
  public static final double DEFAULT_CENTROID_FRACTION = 0.1;
  public static final int DEFAULT_MIN_CLUSTER_SIZE = 2;
  public static final int DEFAULT_KMEANS_DOC_CUT = 15;
  public static final double DEFAULT_SUMMARY_ENERGY = 0.4;
  public static final ValueType DEFAULT_VALUE_TYPE = ValueType.F16;
  public static final long DEFAULT_SEED = 42;

  /** Every knob at its default. */
  public static final SeismicConfig DEFAULTS =
      new SeismicConfig(
          DEFAULT_PRUNING,
          DEFAULT_N_POSTINGS,
          DEFAULT_MAX_FRACTION,
          DEFAULT_CENTROID_FRACTION,
          DEFAULT_MIN_CLUSTER_SIZE,
          DEFAULT_KMEANS_DOC_CUT,
          DEFAULT_SUMMARY_ENERGY,
          DEFAULT_VALUE_TYPE,
          DEFAULT_SEED);

  public SeismicConfig {
    if (pruning == null || valueType == null) {
      throw new IllegalArgumentException("pruning and valueType must be given");
    }
    require(nPostings >= 0, "nPostings must be >= 1, or auto (0), got " + nPostings);
    require(maxFraction >= 1, "maxFraction must be >= 1, got " + maxFraction);
    require(
        centroidFraction > 0 && centroidFraction <= 1,
        "centroidFraction must be in (0, 1], got " + centroidFraction);
    require(minClusterSize >= 0, "minClusterSize must be >= 0, got " + minClusterSize);
    require(kmeansDocCut >= 1, "kmeansDocCut must be >= 1, got " + kmeansDocCut);
    require(
        summaryEnergy > 0 && summaryEnergy <= 1,
        "summaryEnergy must be in (0, 1], got " + summaryEnergy);
  }

  /**
   * The most documents a block holds: twice the average size {@code 1 / centroidFraction}. Larger
   * clusters are split ({@code ListBlocker}), since one loose summary over many documents makes
   * the queries that reach it score them all.
   */
  public int maxBlockSize() {
    return (int) Math.ceil(2 / centroidFraction);
  }

  /**
   * The list size pruning works with, for an index of {@code entries} entries in {@code lists}
   * non-empty lists holding {@code share} of a collection's documents (1 for a whole collection; a
   * segment of a tenth of it keeps a tenth of the budget, so its segments together keep what the
   * collection would): {@code nPostings × share} when given; under "auto", the reference's guidance
   * that the budget grow with the collection (3000-6000 for MS MARCO's 8.8M passages, 60000-80000
   * for its 138M-passage second version) as {@link #AUTO_POSTINGS_SHARE} of the average list length,
   * and at least {@link #AUTO_MIN_POSTINGS} {@code × share}; never below 1.
   */
  public int postingsPerList(long entries, int lists, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }
    if (nPostings != AUTO_N_POSTINGS) {
      return (int) Math.max(1, Math.round(nPostings * share));
    }
    double average = lists == 0 ? 0 : entries / (double) lists;
    double floor = AUTO_MIN_POSTINGS * share;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.max(floor, Math.round(AUTO_POSTINGS_SHARE * average))));
  }

  /**
   * The knobs a list of an index holding {@code share} of a collection's documents is blocked with:
   * the centroid fraction grows to {@code centroidFraction / sqrt(share)} (at most 1). A segment's
   * lists are {@code share} as long as the collection's, so random centroids find a close
   * neighbour for fewer documents and blocks come out looser; more, smaller blocks make up for it
   * (measured on 100k synthetic documents in ten segments: 7 % fewer documents scored than the
   * collection merged into one, where the fraction unchanged scored 62 % more).
   */
  public SeismicConfig forShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }
    return share == 1 ? this : withCentroidFraction(Math.min(1, centroidFraction / Math.sqrt(share)));
  }

  /**
   * These settings as a cache key: the knobs, and under "auto" the rule that turns it into a list
   * size, so that an index built under another rule is not taken for this build.
   */
  public String cacheKey() {
    return nPostings != AUTO_N_POSTINGS
        ? toString()
        : toString() + " auto=" + AUTO_POSTINGS_SHARE + "xAverageList,atLeast" + AUTO_MIN_POSTINGS;
  }

  /** A list size as written on the command line and in JSON: the number, or "auto". */
  public static String formatNPostings(int nPostings) {
    return nPostings == AUTO_N_POSTINGS ? "auto" : Integer.toString(nPostings);
  }

  /** Parses a list size as written on the command line and in JSON: a positive number or "auto". */
  public static int parseNPostings(String text) {
    if (text.trim().equalsIgnoreCase("auto")) {
      return AUTO_N_POSTINGS;
    }
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("nPostings must be a positive number or auto, got '" + text + "'");
    }
    if (n < 1) {
      throw new IllegalArgumentException("nPostings must be a positive number or auto, got " + n);
    }
    return n;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public SeismicConfig withPruning(PruningStrategy p) {
    return new SeismicConfig(p, nPostings, maxFraction, centroidFraction, minClusterSize, kmeansDocCut, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withNPostings(int n) {
    return new SeismicConfig(pruning, n, maxFraction, centroidFraction, minClusterSize, kmeansDocCut, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withMaxFraction(double f) {
    return new SeismicConfig(pruning, nPostings, f, centroidFraction, minClusterSize, kmeansDocCut, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withCentroidFraction(double f) {
    return new SeismicConfig(pruning, nPostings, maxFraction, f, minClusterSize, kmeansDocCut, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withMinClusterSize(int m) {
    return new SeismicConfig(pruning, nPostings, maxFraction, centroidFraction, m, kmeansDocCut, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withKmeansDocCut(int c) {
    return new SeismicConfig(pruning, nPostings, maxFraction, centroidFraction, minClusterSize, c, summaryEnergy, valueType, seed);
  }

  public SeismicConfig withSummaryEnergy(double e) {
    return new SeismicConfig(pruning, nPostings, maxFraction, centroidFraction, minClusterSize, kmeansDocCut, e, valueType, seed);
  }

  public SeismicConfig withValueType(ValueType v) {
    return new SeismicConfig(pruning, nPostings, maxFraction, centroidFraction, minClusterSize, kmeansDocCut, summaryEnergy, v, seed);
  }

  public SeismicConfig withSeed(long s) {
    return new SeismicConfig(pruning, nPostings, maxFraction, centroidFraction, minClusterSize, kmeansDocCut, summaryEnergy, valueType, s);
  }

  /** The knobs by their Java/JSON names, in declaration order, values as JSON would hold them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pruning", pruning.cliName());
    m.put("nPostings", nPostings == AUTO_N_POSTINGS ? formatNPostings(nPostings) : nPostings);
    m.put("maxFraction", maxFraction);
    m.put("centroidFraction", centroidFraction);
    m.put("minClusterSize", minClusterSize);
    m.put("kmeansDocCut", kmeansDocCut);
    m.put("summaryEnergy", summaryEnergy);
    m.put("valueType", valueType.cliName());
    m.put("seed", seed);
    return m;
  }

  /** The inverse of {@link #toMap()}; knobs not in {@code m} keep their defaults. */
  public static SeismicConfig fromMap(Map<String, ?> m) {
    SeismicConfig c = DEFAULTS;
    for (Map.Entry<String, ?> e : m.entrySet()) {
      String v = String.valueOf(e.getValue());
      c =
          switch (e.getKey()) {
            case "pruning" -> c.withPruning(PruningStrategy.parse(v));
            case "nPostings" -> c.withNPostings(parseNPostings(v));
            case "maxFraction" -> c.withMaxFraction(Double.parseDouble(v));
            case "centroidFraction" -> c.withCentroidFraction(Double.parseDouble(v));
            case "minClusterSize" -> c.withMinClusterSize(Integer.parseInt(v));
            case "kmeansDocCut" -> c.withKmeansDocCut(Integer.parseInt(v));
            case "summaryEnergy" -> c.withSummaryEnergy(Double.parseDouble(v));
            case "valueType" -> c.withValueType(ValueType.parse(v));
            case "seed" -> c.withSeed(Long.parseLong(v));
            default ->
                throw new IllegalArgumentException(
                    "unknown Seismic build parameter '" + e.getKey() + "'; known: " + DEFAULTS.toMap().keySet());
          };
    }
    return c;
  }
}
