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
 *     list under {@link PruningStrategy#FIXED_SIZE}
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
  public static final int DEFAULT_N_POSTINGS = 3500;
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
    require(nPostings >= 1, "nPostings must be >= 1, got " + nPostings);
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
    m.put("nPostings", nPostings);
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
            case "nPostings" -> c.withNPostings(Integer.parseInt(v));
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
