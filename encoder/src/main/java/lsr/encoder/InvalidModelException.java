package lsr.encoder;

/**
 * A model folder, its {@code lsr-model.json}, {@code tokenizer.json} or ONNX graph is not usable; the
 * message says which file, what was wrong and what is expected.
 */
public final class InvalidModelException extends RuntimeException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
