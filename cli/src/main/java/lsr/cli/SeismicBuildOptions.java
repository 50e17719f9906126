package lsr.cli;

import lsr.index.seismic.PruningStrategy;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.ValueType;
import picocli.CommandLine.Option;

/**
 * The Seismic build knobs on the command line, the same for every command that builds (index, eval,
 * train-ltr, demo, bench); defaults come from {@link SeismicConfig}.
 */
final class SeismicBuildOptions {

  @Option(names = "--pruning", paramLabel = "<strategy>",
      description = "Posting-list pruning: global-threshold, fixed-size or none (default: global-threshold).")
  String pruning = SeismicConfig.DEFAULT_PRUNING.cliName();

  @Option(names = "--n-postings", paramLabel = "<n|auto>",
      description = "Average postings kept per list (global budget), or per list with fixed-size; auto: "
          + SeismicConfig.AUTO_POSTINGS_SHARE + " of the average list length, at least "
          + SeismicConfig.AUTO_MIN_POSTINGS + " (default: ${DEFAULT-VALUE}).")
  String nPostings = SeismicConfig.formatNPostings(SeismicConfig.DEFAULT_N_POSTINGS);

  @Option(names = "--max-fraction", paramLabel = "<x>",
      description = "No list keeps more than n-postings times this (default: ${DEFAULT-VALUE}).")
  double maxFraction = SeismicConfig.DEFAULT_MAX_FRACTION;

  @Option(names = "--centroid-fraction", paramLabel = "<x>",
      description = "Centroids per list as a fraction of its length (default: ${DEFAULT-VALUE}).")
  double centroidFraction = SeismicConfig.DEFAULT_CENTROID_FRACTION;

  @Option(names = "--min-cluster-size", paramLabel = "<n>",
      description = "Clusters of this many documents or fewer are dissolved (default: ${DEFAULT-VALUE}).")
  int minClusterSize = SeismicConfig.DEFAULT_MIN_CLUSTER_SIZE;

  @Option(names = "--kmeans-doc-cut", paramLabel = "<n>",
      description = "Documents join centroids on their n largest entries (default: ${DEFAULT-VALUE}).")
  int kmeansDocCut = SeismicConfig.DEFAULT_KMEANS_DOC_CUT;

  @Option(names = "--summary-energy", paramLabel = "<x>",
      description = "Share of a block's L1 mass its summary keeps; 1 is lossless (default: ${DEFAULT-VALUE}).")
  double summaryEnergy = SeismicConfig.DEFAULT_SUMMARY_ENERGY;

  @Option(names = "--value-type", paramLabel = "<type>",
      description = "Forward-index weights: f16 or f32 (default: f16).")
  String valueType = SeismicConfig.DEFAULT_VALUE_TYPE.cliName();

  @Option(names = "--build-seed", paramLabel = "<n>",
      description = "Seed of the random centroids (default: ${DEFAULT-VALUE}).")
  long seed = SeismicConfig.DEFAULT_SEED;

  /** The options as a command line, to hand to another command that builds ({@code lsr demo} to {@code lsr index}). */
  java.util.List<String> toArgs() {
    return java.util.List.of("--pruning", pruning, "--n-postings", nPostings, "--max-fraction", Double.toString(maxFraction),
        "--centroid-fraction", Double.toString(centroidFraction), "--min-cluster-size", Integer.toString(minClusterSize),
        "--kmeans-doc-cut", Integer.toString(kmeansDocCut), "--summary-energy", Double.toString(summaryEnergy),
        "--value-type", valueType, "--build-seed", Long.toString(seed));
  }

  SeismicConfig toConfig() {
    try {
      return new SeismicConfig(PruningStrategy.parse(pruning), SeismicConfig.parseNPostings(nPostings), maxFraction, centroidFraction,
          minClusterSize, kmeansDocCut, summaryEnergy, ValueType.parse(valueType), seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
