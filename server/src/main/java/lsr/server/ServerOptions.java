package lsr.server;

/**
 * Server knobs; the search limits themselves live in the search service.
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param stopTimeoutMillis how long a graceful stop waits for requests in flight
 */
public record ServerOptions(long maxBodyBytes, long stopTimeoutMillis) {

  public static final ServerOptions DEFAULTS = new ServerOptions(1 << 20, 10_000);

  public ServerOptions {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
    }
    if (stopTimeoutMillis < 0) {
      throw new IllegalArgumentException("stopTimeoutMillis must be >= 0, got " + stopTimeoutMillis);
    }
  }
}
