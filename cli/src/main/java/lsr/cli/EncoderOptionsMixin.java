package lsr.cli;

import lsr.encoder.EncoderOptions;
import lsr.encoder.ImpactQuantizer;
import lsr.encoder.ModelConfig;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.encoder.SparsePruning;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs an encoder over texts ({@code encode}, {@code index}); each
 * command declares {@code --encoder} itself (one, or several).
 */
final class EncoderOptionsMixin {

  @Option(names = "--model", paramLabel = "<folder|name>",
      description = "A model folder (model.onnx, tokenizer.json, lsr-model.json), a shipped model's name,"
          + " or a built-in bi-encoder: bge-small-en-v1.5, bge-small-en-v1.5-q, all-minilm-l6-v2,"
          + " all-minilm-l6-v2-q. Default: the shipped model lsr/models/<encoder> for splade and unicoil,"
          + " " + ModelSource.DEFAULT_DENSE + " for dense.")
  String model;

  @Option(names = "--threads", paramLabel = "<n>",
      description = "Worker threads, each running one batch at a time on one shared ONNX session."
          + " Default: the number of processors.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--batch-size", paramLabel = "<n>", description = "Texts per ONNX run at most. Default: ${DEFAULT-VALUE}.")
  int batchSize = EncoderOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--max-batch-tokens", paramLabel = "<n>",
      description = "Padded tokens per ONNX run at most (texts x longest text): long texts run in smaller batches,"
          + " which bounds attention memory. Default: ${DEFAULT-VALUE}.")
  int maxBatchTokens = EncoderOptions.DEFAULT_MAX_BATCH_TOKENS;

  @Option(names = "--max-length", paramLabel = "<tokens>",
      description = "Tokens per text, [CLS] and [SEP] included (default: the model's maxLength, "
          + ModelConfig.DEFAULT_MAX_LENGTH + " when it names none).")
  Integer maxLength;

  @Option(names = "--top-k", paramLabel = "<n>", description = "Sparse: keep the n largest weights of each vector (0 keeps all). Default: ${DEFAULT-VALUE}.")
  int topK = 0;

  @Option(names = "--threshold", paramLabel = "<w>", description = "Sparse: drop weights below w (0 keeps all). Default: ${DEFAULT-VALUE}.")
  float threshold = 0f;

  @Option(names = "--quantize", description = "Sparse: write integer impacts round(weight x impact-scale) instead of floats, as Anserini does.")
  boolean quantize;

  @Option(names = "--impact-scale", paramLabel = "<x>", description = "Sparse: the factor of --quantize. Default: ${DEFAULT-VALUE}.")
  float impactScale = ImpactQuantizer.DEFAULT_SCALE;

  @Option(names = "--lenient", description = "Skip malformed input lines (counted and reported at the end) instead of stopping at the first.")
  boolean lenient;

  @Option(names = "--quiet", description = "No progress bar or summary; errors only.")
  boolean quiet;

  /** The model the options name, or the default for {@code encoder}. */
  ModelSource modelSource(ModelType encoder) {
    ModelSource source;
    if (model != null) {
      source = ModelSource.resolve(model);
    } else if (encoder == ModelType.DENSE) {
      source = ModelSource.builtIn(ModelSource.DEFAULT_DENSE);
    } else {
      source = ModelSource.shippedOrNull(encoder.id());
      if (source == null) {
        throw new UsageException("--model is required for --encoder " + encoder.id()
            + ": this build ships no " + encoder.id() + " model (" + ModelSource.SHIPPED_ROOT + encoder.id() + "/)");
      }
    }
    if (source.config().type() != encoder) {
      throw new UsageException("--encoder " + encoder.id() + " but model " + source.description() + " is "
          + source.config().type().id());
    }
    return maxLength == null ? source : source.withConfig(source.config().withMaxLength(maxLength));
  }

  EncoderOptions encoderOptions() {
    if (threads < 1 || batchSize < 1 || maxBatchTokens < 1) {
      throw new UsageException("--threads, --batch-size and --max-batch-tokens must be >= 1");
    }
    try {
      return EncoderOptions.defaults().withBatchSize(batchSize).withMaxBatchTokens(maxBatchTokens)
          .withPruning(new SparsePruning(topK, threshold));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace("topK", "--top-k").replace("threshold", "--threshold"));
    }
  }

  /** Picocli converter with a message that lists the choices. */
  static final class ModelTypeConverter implements picocli.CommandLine.ITypeConverter<ModelType> {
    @Override
    public ModelType convert(String value) {
      for (ModelType t : ModelType.values()) {
        if (t.id().equals(value)) {
          return t;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not an encoder; choose splade, unicoil or dense");
    }
  }
}
