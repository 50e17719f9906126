package lsr.query.service;

/**
 * A request the search service cannot answer, with a stable machine-readable code. The message says
 * what was wrong and what to do; it never carries internals.
 */
public final class ServiceException extends RuntimeException {

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** The request itself is wrong (missing or out-of-range field, unknown name). */
    INVALID_REQUEST,
    /** Every searcher is busy and none came free in time; retry later. */
    OVERLOADED,
    /** What the request names does not exist (a collection, a document). */
    NOT_FOUND,
    /** What the request would create exists already, or another writer holds it. */
    CONFLICT
  }

  private final Kind kind;
  private final String code;

  public ServiceException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  static ServiceException invalid(String code, String message) {
    return new ServiceException(Kind.INVALID_REQUEST, code, message);
  }

  static ServiceException notFound(String code, String message) {
    return new ServiceException(Kind.NOT_FOUND, code, message);
  }

  static ServiceException conflict(String code, String message) {
    return new ServiceException(Kind.CONFLICT, code, message);
  }

  public Kind kind() {
    return kind;
  }

  /** A short snake_case code, e.g. {@code missing_query}, {@code unknown_pipeline}. */
  public String code() {
    return code;
  }
}
