package lsr.encoder;

/** Opens the encoder a model's {@code type} calls for. */
public final class Encoders {

  private Encoders() {}

  /**
   * A SPLADE or uniCOIL encoder for {@code source}.
   *
   * @throws InvalidModelException when the model is dense or unusable
   */
  public static SparseEncoder sparse(ModelSource source, EncoderOptions options) {
    return switch (source.config().type()) {
      case SPLADE -> new SpladeEncoder(source, options);
      case UNICOIL -> new UniCoilEncoder(source, options);
      case DENSE -> throw new InvalidModelException(source.description()
          + " is a dense model; a sparse encoder needs a splade or unicoil model");
    };
  }

  /** A dense bi-encoder for {@code source}. */
  public static DenseEncoder dense(ModelSource source, EncoderOptions options) {
    return new OnnxDenseEncoder(source, options);
  }
}
