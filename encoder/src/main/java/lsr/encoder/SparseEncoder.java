package lsr.encoder;

import java.util.List;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;

/**
 * Turns texts into sparse term-weight vectors over a vocabulary (SPLADE, uniCOIL). Thread-safe;
 * closing frees the native session and tokenizer.
 */
public interface SparseEncoder extends AutoCloseable {

  /** Encodes {@code texts}; the i-th vector belongs to the i-th text. Special tokens never appear. */
  List<SparseVector> encode(List<String> texts, TextKind kind);

  /** Encodes one query. */
  default SparseVector encodeQuery(String query) {
    return encode(List.of(query), TextKind.QUERY).get(0);
  }

  /** The most texts one ONNX run holds (the batch size, or the model's {@code maxBatchSize}). */
  int textsPerRun();

  /** The vocabulary the term ids refer to (the model's tokenizer vocabulary). */
  Vocabulary vocabulary();

  ModelConfig config();

  @Override
  void close();
}
