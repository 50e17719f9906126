package lsr.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * The common loop of line-oriented readers: reads a line, asks {@link #parse} for its record,
 * sends bad lines to the {@link ErrorPolicy} with file and line number, and skips blank lines
 * (they hold no record). Subclasses only parse.
 *
 * @param <T> the record type
 */
public abstract class LineRecordReader<T> implements RecordReader<T> {

  /** Thrown by {@link #parse} for a line that cannot be read; the reader adds file and line. */
  protected static final class BadLine extends Exception {
    public BadLine(String reason) {
      super(reason, null, false, false);
    }
  }

  private final BufferedReader in;
  private final String source;
  private final ErrorPolicy policy;
  private long lineNumber;
  private T next;
  private boolean done;

  protected LineRecordReader(Path file, ErrorPolicy policy) throws IOException {
    this.in = InputFiles.reader(file);
    this.source = file.toString();
    this.policy = policy;
  }

  /**
   * The record of {@code line}, or {@code null} when the line holds none (a header).
   *
   * @throws BadLine when the line is malformed; the message is the reason
   */
  protected abstract T parse(String line) throws BadLine;

  /**
   * Reports a problem inside the current line that the subclass skips past in lenient mode (strict
   * mode throws from here).
   */
  protected final void reject(String reason, String skippedPart) {
    policy.reject(source, lineNumber, reason, skippedPart);
  }

  /** The current line number, from 1. */
  protected final long lineNumber() {
    return lineNumber;
  }

  /** The file being read, as given. */
  public final String source() {
    return source;
  }

  /** The policy that receives this reader's problems. */
  public final ErrorPolicy policy() {
    return policy;
  }

  @Override
  public final boolean hasNext() {
    while (next == null && !done) {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + source + " after line " + lineNumber, e);
      }
      if (line == null) {
        done = true;
        break;
      }
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        next = parse(line);
      } catch (BadLine bad) {
        policy.reject(source, lineNumber, bad.getMessage(), "line");
      }
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + source);
    }
    T record = next;
    next = null;
    return record;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + source, e);
    }
  }
}
