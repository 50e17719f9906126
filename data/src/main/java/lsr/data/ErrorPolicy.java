package lsr.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What readers do with bad input. {@link #strict()} stops at the first problem with an {@link
 * InputFormatException}; {@link #lenient()} skips the bad line (or the bad part of it, such as an
 * unknown token), counts it and keeps the first few messages, so the caller can report at the end
 * what was skipped. One policy may be shared by every reader of a job, so that a single {@link
 * #summary()} covers all of its files. Thread-safe.
 */
public final class ErrorPolicy {

  /** How many problem messages a lenient policy keeps verbatim for its summary. */
  public static final int EXAMPLES_KEPT = 5;

  private final boolean strict;
  private final Map<String, Long> skippedBySource = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private long skipped;

  private ErrorPolicy(boolean strict) {
    this.strict = strict;
  }

  /** A policy that throws on the first problem. */
  public static ErrorPolicy strict() {
    return new ErrorPolicy(true);
  }

  /** A policy that skips and counts problems. */
  public static ErrorPolicy lenient() {
    return new ErrorPolicy(false);
  }

  public boolean isStrict() {
    return strict;
  }

  /**
   * Reports a problem at {@code source:line}. Strict: throws. Lenient: counts it and returns, and
   * the reader skips {@code skippedPart}.
   *
   * @param reason what is wrong, e.g. {@code "token 'xyz' is not in the vocabulary"}
   * @param skippedPart what a lenient reader leaves out because of it, e.g. {@code "line"}
   * @throws InputFormatException when strict
   */
  public void reject(String source, long line, String reason, String skippedPart) {
    if (strict) {
      throw new InputFormatException(source, line, reason);
    }
    synchronized (this) {
      skipped++;
      skippedBySource.merge(source, 1L, Long::sum);
      if (examples.size() < EXAMPLES_KEPT) {
        examples.add(InputFormatException.where(source, line) + ": " + reason + " (" + skippedPart + " skipped)");
      }
    }
  }

  /** How many problems were skipped so far (always 0 when strict). */
  public synchronized long skipped() {
    return skipped;
  }

  /** Skipped problems per source, in order of first problem. */
  public synchronized Map<String, Long> skippedBySource() {
    return new LinkedHashMap<>(skippedBySource);
  }

  /** The first {@value #EXAMPLES_KEPT} problem messages, each with file and line. */
  public synchronized List<String> examples() {
    return List.copyOf(examples);
  }

  /**
   * A report of what was skipped, for the end of a job: empty when nothing was, otherwise the count
   * per file and the first messages.
   */
  public synchronized String summary() {
    if (skipped == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder("skipped ").append(skipped).append(" bad input item")
        .append(skipped == 1 ? "" : "s").append(" (lenient mode):");
    skippedBySource.forEach((source, n) -> sb.append("\n  ").append(source).append(": ").append(n));
    sb.append("\n first:");
    examples.forEach(e -> sb.append("\n  ").append(e));
    return sb.toString();
  }
}
