package lsr.encoder;

/**
 * Run-time knobs of an encoder (the model's own settings live in {@link ModelConfig}).
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one batch; parallel collection encoding uses
 *     1 and runs one batch per worker thread instead
 * @param batchSize texts per ONNX run at most; texts are grouped by length so padding stays small
 * @param maxOutputFloats the largest per-token tensor one run may produce, in floats: caps the batch
 *     of SPLADE graphs, which compute masked-LM logits {@code [batch, seq, vocab]} (7.8 M floats for
 *     one 256-token text over 30522 terms) whether they output them or pool them, so memory stays
 *     bounded
 * @param maxBatchTokens padded tokens one run may hold (rows x longest row): long texts run in smaller
 *     batches, which bounds the activation memory of attention (it grows with batch x length^2)
 * @param pruning what sparse vectors keep
 */
public record EncoderOptions(int intraOpThreads, int batchSize, long maxOutputFloats, int maxBatchTokens,
    SparsePruning pruning) {

  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final long DEFAULT_MAX_OUTPUT_FLOATS = 32L << 20;
  public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;

  public EncoderOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (maxOutputFloats < 1) {
      throw new IllegalArgumentException("maxOutputFloats must be >= 1, got " + maxOutputFloats);
    }
    if (maxBatchTokens < 1) {
      throw new IllegalArgumentException("maxBatchTokens must be >= 1, got " + maxBatchTokens);
    }
    if (pruning == null) {
      pruning = SparsePruning.NONE;
    }
  }

  /** One thread per run, the default batch and memory cap, no pruning. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(1, DEFAULT_BATCH_SIZE, DEFAULT_MAX_OUTPUT_FLOATS, DEFAULT_MAX_BATCH_TOKENS,
        SparsePruning.NONE);
  }

  public EncoderOptions withIntraOpThreads(int n) {
    return new EncoderOptions(n, batchSize, maxOutputFloats, maxBatchTokens, pruning);
  }

  public EncoderOptions withBatchSize(int n) {
    return new EncoderOptions(intraOpThreads, n, maxOutputFloats, maxBatchTokens, pruning);
  }

  public EncoderOptions withMaxOutputFloats(long n) {
    return new EncoderOptions(intraOpThreads, batchSize, n, maxBatchTokens, pruning);
  }

  public EncoderOptions withMaxBatchTokens(int n) {
    return new EncoderOptions(intraOpThreads, batchSize, maxOutputFloats, n, pruning);
  }

  public EncoderOptions withPruning(SparsePruning p) {
    return new EncoderOptions(intraOpThreads, batchSize, maxOutputFloats, maxBatchTokens, p);
  }
}
