package lsr.encoder;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What every ONNX encoder does around its own output handling: prefix and tokenize the texts, group
 * them by length into batches (so a short text is not padded to a long one's length), run each
 * batch, and give the results back in the order of the input. Thread-safe: several threads may
 * encode at once through one shared session.
 *
 * @param <T> what one text becomes
 */
abstract class BatchedEncoder<T> implements AutoCloseable {

  protected final ModelConfig config;
  protected final TextTokenizer tokenizer;
  protected final OnnxGraph graph;
  protected final EncoderOptions options;

  BatchedEncoder(ModelSource source, EncoderOptions options, ModelType expected) {
    if (source.config().type() != expected) {
      throw new InvalidModelException(source.description() + " is a " + source.config().type().id()
          + " model, not " + expected.id());
    }
    this.config = source.config();
    this.options = options;
    this.tokenizer = source.tokenizer();
    try {
      this.graph = OnnxGraph.open(source, options.intraOpThreads());
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Floats the graph's largest tensor holds per token of a batch row, to bound a run's memory. */
  abstract long outputFloatsPerToken();

  /** The most texts one run may hold (1 for graphs whose output has no batch axis). */
  public int textsPerRun() {
    return Math.min(options.batchSize(), config.maxBatchSize());
  }

  /** Encodes one batch; {@code out} receives one result per row, in row order. */
  abstract void encodeBatch(TokenBatch batch, TextKind kind, List<T> out) throws OrtException;

  /** Encodes {@code texts}; the i-th result belongs to the i-th text. */
  public final List<T> encode(List<String> texts, TextKind kind) {
    int n = texts.size();
    String prefix = config.prefix(kind);
    long[][] sequences = new long[n][];
    for (int i = 0; i < n; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException("text " + i + " is null");
      }
      sequences[i] = tokenizer.encode(prefix.isEmpty() ? text : prefix + text);
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> sequences[i].length));
    List<T> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      results.add(null);
    }
    long perToken = Math.max(1, outputFloatsPerToken());
    List<long[]> rows = new ArrayList<>();
    List<T> out = new ArrayList<>();
    int start = 0;
    while (start < n) {
      // Sorted by length, so the last row added is the longest and sets the padded length.
      int end = start;
      rows.clear();
      while (end < n && rows.size() < textsPerRun()) {
        int len = sequences[order[end]].length;
        long padded = (long) (rows.size() + 1) * len;
        if (!rows.isEmpty()
            && (padded > options.maxBatchTokens() || padded * perToken > options.maxOutputFloats())) {
          break;
        }
        rows.add(sequences[order[end]]);
        end++;
      }
      out.clear();
      try {
        encodeBatch(TokenBatch.of(rows, tokenizer.padId()), kind, out);
      } catch (OrtException e) {
        throw new EncodingException("ONNX Runtime failed on a batch of " + rows.size() + " texts ("
            + graph.where() + "): " + e.getMessage(), e);
      }
      for (int r = 0; r < rows.size(); r++) {
        results.set(order[start + r], out.get(r));
      }
      start = end;
    }
    return results;
  }

  public ModelConfig config() {
    return config;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    graph.close();
    tokenizer.close();
  }
}
