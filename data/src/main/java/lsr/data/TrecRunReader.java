package lsr.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams a TREC run, {@code qid Q0 docid rank score tag} per line, whitespace separated, plain or
 * gzip. A line with another number of fields, a rank that is not an integer or a score that is not
 * a finite number is an error.
 */
public final class TrecRunReader extends LineRecordReader<RunEntry> {

  private TrecRunReader(Path file, ErrorPolicy policy) throws IOException {
    super(file, policy);
  }

  /** Opens {@code file} for streaming. */
  public static TrecRunReader open(Path file, ErrorPolicy policy) throws IOException {
    return new TrecRunReader(file, policy);
  }

  @Override
  protected RunEntry parse(String line) throws BadLine {
    String[] f = line.strip().split("\\s+");
    if (f.length != 6) {
      throw new BadLine("expected 6 fields 'qid Q0 docid rank score tag', found " + f.length);
    }
    int rank;
    try {
      rank = Integer.parseInt(f[3]);
    } catch (NumberFormatException e) {
      throw new BadLine("rank '" + f[3] + "' is not an integer");
    }
    double score;
    try {
      score = Double.parseDouble(f[4]);
    } catch (NumberFormatException e) {
      throw new BadLine("score '" + f[4] + "' is not a number");
    }
    if (!Double.isFinite(score)) {
      throw new BadLine("score '" + f[4] + "' is not finite");
    }
    return new RunEntry(f[0], f[2], rank, score, f[5]);
  }
}
