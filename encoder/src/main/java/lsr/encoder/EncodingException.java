package lsr.encoder;

/** Running a model failed on some input (the model itself was valid when it was opened). */
public final class EncodingException extends RuntimeException {
  public EncodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
