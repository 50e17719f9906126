package lsr.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a TREC run, {@code qid Q0 docid rank score tag} per line. A score that is a float (as
 * Lucene's are) is written with the fewest digits that identify that float, any other with the
 * fewest that identify the double: distinct scores stay distinct and in the same order, and equal
 * scores stay tied, so trec_eval ranks the file exactly as the system ranked in memory.
 */
public final class TrecRunWriter implements AutoCloseable {

  private final Writer out;
  private final String tag;

  private TrecRunWriter(Writer out, String tag) {
    this.out = out;
    this.tag = TrecIds.check(tag, "run tag");
  }

  /** Creates or replaces {@code file} (gzip when it ends in {@code .gz}); every line carries {@code tag}. */
  public static TrecRunWriter create(Path file, String tag) throws IOException {
    return new TrecRunWriter(InputFiles.writer(file), tag);
  }

  /**
   * Appends the ranked results of one query, ranks 1, 2, ... in the given order.
   *
   * @throws IllegalArgumentException when an id is empty or holds whitespace
   */
  public void write(String queryId, List<ScoredDoc> ranked) throws IOException {
    TrecIds.check(queryId, "query id");
    StringBuilder sb = new StringBuilder(64);
    int rank = 0;
    for (ScoredDoc d : ranked) {
      sb.setLength(0);
      sb.append(queryId).append(" Q0 ").append(TrecIds.check(d.docId(), "document id")).append(' ')
          .append(++rank).append(' ').append(format(d.score())).append(' ').append(tag).append('\n');
      out.append(sb);
    }
  }

  static String format(double score) {
    float f = (float) score;
    return f == score ? Float.toString(f) : Double.toString(score);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
