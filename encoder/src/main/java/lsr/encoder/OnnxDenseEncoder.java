package lsr.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Set;

/**
 * A bi-encoder: the last hidden state {@code [batch, seq, hidden]} pooled by [CLS] or by the mean
 * under the attention mask, or an already pooled {@code [batch, hidden]} output; then L2-normalized
 * unless the config says not to.
 */
public final class OnnxDenseEncoder extends BatchedEncoder<float[]> implements DenseEncoder {

  private final String output;
  private final boolean perToken;
  private final int dimension;

  public OnnxDenseEncoder(ModelSource source, EncoderOptions options) {
    super(source, options, ModelType.DENSE);
    try {
      output = OutputChoice.pick(graph, config);
      int rank = OutputChoice.rank(graph, output);
      if (rank != 2 && rank != 3) {
        throw new InvalidModelException(graph.where() + ": dense output '" + output
            + "' must be [batch, seq, hidden] or [batch, hidden], has rank " + rank);
      }
      perToken = rank == 3;
      if (perToken && config.pooling() == null) {
        throw new InvalidModelException(source.description() + ": output '" + output
            + "' holds one vector per token; set \"pooling\" to \"cls\" or \"mean\" in lsr-model.json");
      }
      long last = OutputChoice.lastDim(graph, output);
      if (last <= 0) {
        throw new InvalidModelException(graph.where() + ": output '" + output
            + "' must declare its hidden size (last dimension), it is dynamic");
      }
      dimension = (int) last;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  long outputFloatsPerToken() {
    return perToken ? dimension : 1;
  }

  @Override
  void encodeBatch(TokenBatch batch, TextKind kind, List<float[]> out) throws OrtException {
    try (OrtSession.Result result = graph.run(batch, Set.of(output))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(output).orElseThrow()).getFloatBuffer();
      for (int b = 0; b < batch.size(); b++) {
        float[] v = new float[dimension];
        if (!perToken) {
          hidden.get(b * dimension, v);
        } else if (config.pooling() == Pooling.CLS) {
          hidden.get(b * batch.length() * dimension, v);
        } else {
          int len = batch.lengths()[b];
          for (int s = 0; s < len; s++) {
            int base = (b * batch.length() + s) * dimension;
            for (int d = 0; d < dimension; d++) {
              v[d] += hidden.get(base + d);
            }
          }
          for (int d = 0; d < dimension; d++) {
            v[d] /= len;
          }
        }
        if (config.normalize()) {
          normalize(v);
        }
        out.add(v);
      }
    }
  }

  private static void normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum > 0) {
      float inv = (float) (1.0 / Math.sqrt(sum));
      for (int d = 0; d < v.length; d++) {
        v[d] *= inv;
      }
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }
}
