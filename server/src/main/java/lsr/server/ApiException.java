package lsr.server;

/**
 * A request the server refuses, with the HTTP status, a stable code and a message for the client.
 * Rendered as the one error body of the API: {@code {"error": {"status", "code", "message"}}}.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
