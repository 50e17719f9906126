package lsr.data;

/**
 * A line of an input file that cannot be read. The message names the file, the line (from 1) and
 * the reason, so that the user can open the file at that place and fix it. A problem of a whole
 * file rather than of one line has line 0, and its message names only the file.
 */
public final class InputFormatException extends RuntimeException {

  private final String source;
  private final long line;
  private final String reason;

  public InputFormatException(String source, long line, String reason) {
    super(where(source, line) + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  static String where(String source, long line) {
    return line > 0 ? source + ":" + line : source;
  }

  /** The file (or other source) the bad line came from. */
  public String source() {
    return source;
  }

  /** The line number, counted from 1; 0 when the problem is not on one line. */
  public long line() {
    return line;
  }

  /** What is wrong with the line, without the location. */
  public String reason() {
    return reason;
  }
}
