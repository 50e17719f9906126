package lsr.cli;

import lsr.query.ltr.LtrParams;
import lsr.query.ltr.LtrReranker;
import lsr.query.ltr.RankPrior;
import picocli.CommandLine.Option;

/** Learning-to-rank knobs, shared by the commands that train or cross-validate a reranker. */
final class LtrOptions {

  @Option(names = "--folds", paramLabel = "<k>",
      description = "Cross-validation folds over the queries (default: ${DEFAULT-VALUE}).")
  int folds = 5;

  @Option(names = "--rerank-depth", paramLabel = "<n>",
      description = "Fused candidates the model reranks per query (default: ${DEFAULT-VALUE}).")
  int rerankDepth = LtrReranker.DEFAULT_DEPTH;

  @Option(names = "--rounds", paramLabel = "<n>",
      description = "LambdaMART boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds = LtrParams.DEFAULTS.rounds();

  @Option(names = "--learning-rate", paramLabel = "<eta>",
      description = "LambdaMART shrinkage per tree (default: ${DEFAULT-VALUE}).")
  double learningRate = LtrParams.DEFAULTS.learningRate();

  @Option(names = "--max-depth", paramLabel = "<n>",
      description = "LambdaMART tree depth (default: ${DEFAULT-VALUE}).")
  int maxDepth = LtrParams.DEFAULTS.maxDepth();

  @Option(names = "--prior", paramLabel = "<prior>", converter = PriorConverter.class,
      description = "Where the reranker's scores start: fused-rank (-log2(1 + fused rank), so the trees learn a "
          + "correction of the fusion) or none (default: ${DEFAULT-VALUE}).")
  RankPrior prior = LtrParams.DEFAULTS.prior();

  @Option(names = "--seed", paramLabel = "<n>",
      description = "Seed of the fold assignment and of XGBoost's sampling (default: ${DEFAULT-VALUE}).")
  long seed = LtrParams.DEFAULTS.seed();

  LtrParams params() {
    LtrParams d = LtrParams.DEFAULTS;
    return new LtrParams(rounds, learningRate, maxDepth, d.minChildWeight(), d.subsample(), d.colsample(),
        d.lambda(), seed, prior);
  }

  static final class PriorConverter implements picocli.CommandLine.ITypeConverter<RankPrior> {
    @Override
    public RankPrior convert(String value) {
      return RankPrior.parse(value);
    }
  }

  /** Fails with a usage message for out-of-range values. */
  void validate() {
    if (folds < 2) {
      throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
    }
    if (rerankDepth < 1) {
      throw new IllegalArgumentException("--rerank-depth must be >= 1, got " + rerankDepth);
    }
    params();
  }
}
