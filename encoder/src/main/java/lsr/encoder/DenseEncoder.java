package lsr.encoder;

import java.util.List;

/** Turns texts into dense embeddings (bi-encoders for hybrid retrieval). Thread-safe. */
public interface DenseEncoder extends AutoCloseable {

  /** Encodes {@code texts}; the i-th vector belongs to the i-th text. */
  List<float[]> encode(List<String> texts, TextKind kind);

  /** Encodes one query. */
  default float[] encodeQuery(String query) {
    return encode(List.of(query), TextKind.QUERY).get(0);
  }

  /** The most texts one ONNX run holds (the batch size, or the model's {@code maxBatchSize}). */
  int textsPerRun();

  /** Length of every vector. */
  int dimension();

  ModelConfig config();

  @Override
  void close();
}
