package lsr.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/** Writes qrels in TREC format, {@code qid 0 docid rel} per line, as trec_eval reads them. */
public final class QrelsWriter implements AutoCloseable {

  private final Writer out;

  private QrelsWriter(Writer out) {
    this.out = out;
  }

  /** Creates or replaces {@code file}, gzip when it ends in {@code .gz}. */
  public static QrelsWriter create(Path file) throws IOException {
    return new QrelsWriter(InputFiles.writer(file));
  }

  /**
   * Appends one judgment.
   *
   * @throws IllegalArgumentException when an id is empty or holds whitespace
   */
  public void write(Judgment j) throws IOException {
    out.write(TrecIds.check(j.queryId(), "query id") + " 0 " + TrecIds.check(j.docId(), "document id")
        + " " + j.relevance() + "\n");
  }

  /** Appends every judgment of {@code qrels}. */
  public void write(Qrels qrels) throws IOException {
    for (String q : qrels.queryIds()) {
      for (Map.Entry<String, Integer> e : qrels.judgments(q).entrySet()) {
        write(new Judgment(q, e.getKey(), e.getValue()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
