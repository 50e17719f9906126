package lsr.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;

/**
 * uniCOIL: one weight per input token ({@code [batch, seq, 1]} or {@code [batch, seq]}), no
 * expansion. A term that occurs several times keeps its largest weight in a document and the sum of
 * its weights in a query, as uniCOIL does. Special tokens and non-positive weights are dropped.
 */
public final class UniCoilEncoder extends BatchedEncoder<SparseVector> implements SparseEncoder {

  private final String output;

  public UniCoilEncoder(ModelSource source, EncoderOptions options) {
    super(source, options, ModelType.UNICOIL);
    try {
      output = OutputChoice.pick(graph, config);
      int rank = OutputChoice.rank(graph, output);
      long last = OutputChoice.lastDim(graph, output);
      if (!(rank == 2 || (rank == 3 && (last == 1 || last < 0)))) {
        throw new InvalidModelException(graph.where() + ": uniCOIL output '" + output
            + "' must be [batch, seq, 1] or [batch, seq], has rank " + rank + " and last dimension " + last);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  long outputFloatsPerToken() {
    return 1;
  }

  @Override
  void encodeBatch(TokenBatch batch, TextKind kind, List<SparseVector> out) throws OrtException {
    SparseVector.Merge merge = kind == TextKind.QUERY ? SparseVector.Merge.SUM : SparseVector.Merge.MAX;
    try (OrtSession.Result result = graph.run(batch, Set.of(output))) {
      OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
      long[] shape = tensor.getInfo().getShape();
      if (shape.length == 3 && shape[2] != 1) {
        throw new InvalidModelException(graph.where() + ": uniCOIL output has " + shape[2]
            + " values per token; expected 1");
      }
      FloatBuffer weights = tensor.getFloatBuffer();
      for (int b = 0; b < batch.size(); b++) {
        int len = batch.lengths()[b];
        int[] ids = new int[len];
        float[] ws = new float[len];
        int n = 0;
        for (int s = 0; s < len; s++) {
          int pos = b * batch.length() + s;
          int id = (int) batch.ids()[pos];
          float w = weights.get(pos);
          if (w > 0f && !tokenizer.isSpecial(id)) {
            ids[n] = id;
            ws[n++] = w;
          }
        }
        SparseVector v = SparseVector.fromUnsorted(Arrays.copyOf(ids, n), Arrays.copyOf(ws, n), merge);
        out.add(options.pruning().apply(v));
      }
    }
    if (kind == TextKind.QUERY) {
      out.replaceAll(config::capQuery);
    }
  }

  @Override
  public Vocabulary vocabulary() {
    return tokenizer.vocabulary();
  }
}
