package lsr.encoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;

/**
 * SPLADE: the weight of term t is max over the text's tokens of log(1 + ReLU(logit_t)), from a
 * masked-LM head. Three graph shapes are accepted and recognised from the output's rank:
 *
 * <ul>
 *   <li>{@link Shape#LOGITS}: the MLM logits {@code [batch, seq, vocab]}, pooled here under the
 *       attention mask;
 *   <li>{@link Shape#POOLED}: weights already pooled by the graph, {@code [batch, vocab]};
 *   <li>{@link Shape#PAIRS}: one text's nonzero (indices, weights) as two 1-D outputs, int64 and
 *       float, as Anserini's optimized SPLADE export produces; such graphs have no batch axis in their
 *       output, so they run one text at a time.
 * </ul>
 *
 * Special tokens are dropped; the {@link SparsePruning} of the options is applied last.
 */
public final class SpladeEncoder extends BatchedEncoder<SparseVector> implements SparseEncoder {

  /** The output layouts this encoder reads. */
  public enum Shape {
    LOGITS,
    POOLED,
    PAIRS
  }

  private final Shape shape;
  private final String weightsOutput;
  private final String indicesOutput;
  private final int vocabSize;

  public SpladeEncoder(ModelSource source, EncoderOptions options) {
    super(source, options, ModelType.SPLADE);
    try {
      vocabSize = tokenizer.vocabulary().size();
      weightsOutput = OutputChoice.pick(graph, config);
      int rank = OutputChoice.rank(graph, weightsOutput);
      shape = switch (rank) {
        case 3 -> Shape.LOGITS;
        case 2 -> Shape.POOLED;
        case 1 -> Shape.PAIRS;
        default -> throw new InvalidModelException(graph.where() + ": SPLADE output '" + weightsOutput
            + "' has rank " + rank + "; expected [batch, seq, vocab], [batch, vocab] or [nonzeros]");
      };
      indicesOutput = shape == Shape.PAIRS ? indicesOutput(graph) : null;
      long last = OutputChoice.lastDim(graph, weightsOutput);
      if (shape != Shape.PAIRS && last > 0 && last != vocabSize) {
        throw new InvalidModelException(graph.where() + ": output '" + weightsOutput + "' has " + last
            + " terms but tokenizer.json has " + vocabSize + "; model and tokenizer do not match");
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static String indicesOutput(OnnxGraph graph) {
    for (Map.Entry<String, TensorInfo> e : graph.outputs().entrySet()) {
      if (e.getValue().type == OnnxJavaType.INT64 && e.getValue().getShape().length == 1) {
        return e.getKey();
      }
    }
    throw new InvalidModelException(graph.where() + ": a 1-D weights output needs a 1-D int64 output of"
        + " term indices beside it (Anserini's optimized SPLADE layout); outputs are " + graph.outputs().keySet());
  }

  /** The output layout recognised in the graph. */
  public Shape shape() {
    return shape;
  }

  /**
   * Every SPLADE graph computes masked-LM logits, vocab floats per token, whether it outputs them or
   * pools them itself; the budget on them bounds a run's memory (measured on a MiniLM-sized pooled
   * graph: 4.9 GB peak resident without it).
   */
  @Override
  long outputFloatsPerToken() {
    return vocabSize;
  }

  @Override
  public int textsPerRun() {
    return shape == Shape.PAIRS ? 1 : super.textsPerRun();
  }

  @Override
  void encodeBatch(TokenBatch batch, TextKind kind, List<SparseVector> out) throws OrtException {
    Set<String> wanted = shape == Shape.PAIRS ? Set.of(weightsOutput, indicesOutput) : Set.of(weightsOutput);
    try (OrtSession.Result result = graph.run(batch, wanted)) {
      OnnxTensor weights = (OnnxTensor) result.get(weightsOutput).orElseThrow();
      switch (shape) {
        case LOGITS -> poolLogits(batch, weights.getFloatBuffer(), out);
        case POOLED -> readPooled(batch, weights.getFloatBuffer(), out);
        case PAIRS -> readPairs((OnnxTensor) result.get(indicesOutput).orElseThrow(), weights, out);
      }
    }
    if (kind == TextKind.QUERY) {
      out.replaceAll(config::capQuery);
    }
  }

  /**
   * Max over unmasked positions of log(1 + ReLU(logit)). The function is monotone, so the max of the
   * raw logits is taken first and the logarithm applied once per term: exact, and vocab times fewer
   * logarithms.
   */
  private void poolLogits(TokenBatch batch, FloatBuffer logits, List<SparseVector> out) {
    float[] best = new float[vocabSize];
    for (int b = 0; b < batch.size(); b++) {
      Arrays.fill(best, 0f); // ReLU: a term whose logits are all negative weighs 0
      for (int s = 0; s < batch.lengths()[b]; s++) {
        int base = (b * batch.length() + s) * vocabSize;
        for (int v = 0; v < vocabSize; v++) {
          float x = logits.get(base + v);
          if (x > best[v]) {
            best[v] = x;
          }
        }
      }
      for (int v = 0; v < vocabSize; v++) {
        best[v] = best[v] > 0f ? (float) Math.log1p(best[v]) : 0f;
      }
      out.add(toVector(best));
    }
  }

  private void readPooled(TokenBatch batch, FloatBuffer pooled, List<SparseVector> out) {
    float[] row = new float[vocabSize];
    for (int b = 0; b < batch.size(); b++) {
      pooled.get(b * vocabSize, row);
      out.add(toVector(row));
    }
  }

  private SparseVector toVector(float[] weights) {
    int n = 0;
    for (int v = 0; v < weights.length; v++) {
      if (weights[v] > 0f && !tokenizer.isSpecial(v)) {
        n++;
      }
    }
    int[] ids = new int[n];
    float[] ws = new float[n];
    int k = 0;
    for (int v = 0; v < weights.length; v++) {
      if (weights[v] > 0f && !tokenizer.isSpecial(v)) {
        ids[k] = v;
        ws[k++] = weights[v];
      }
    }
    return options.pruning().apply(SparseVector.of(ids, ws));
  }

  private void readPairs(OnnxTensor indices, OnnxTensor weights, List<SparseVector> out) {
    LongBuffer idx = indices.getLongBuffer();
    FloatBuffer ws = weights.getFloatBuffer();
    if (idx.remaining() != ws.remaining()) {
      throw new InvalidModelException(graph.where() + ": " + idx.remaining() + " indices but "
          + ws.remaining() + " weights");
    }
    int n = idx.remaining();
    int[] termIds = new int[n];
    float[] termWeights = new float[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      long id = idx.get(i);
      if (id < 0 || id >= vocabSize) {
        throw new InvalidModelException(graph.where() + ": term index " + id + " outside the vocabulary of "
            + vocabSize);
      }
      float w = ws.get(i);
      if (w > 0f && !tokenizer.isSpecial((int) id)) {
        termIds[k] = (int) id;
        termWeights[k++] = w;
      }
    }
    SparseVector v = SparseVector.fromUnsorted(Arrays.copyOf(termIds, k), Arrays.copyOf(termWeights, k),
        SparseVector.Merge.MAX);
    out.add(options.pruning().apply(v));
  }

  @Override
  public Vocabulary vocabulary() {
    return tokenizer.vocabulary();
  }
}
