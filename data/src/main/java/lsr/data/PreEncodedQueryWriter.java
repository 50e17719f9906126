package lsr.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes queries in Anserini's pre-encoded TSV ({@code qid<TAB>tok tok ...}, each token repeated as
 * many times as its integer weight), the format {@link PreEncodedQueryReader} reads. Weights must
 * already be positive integers (quantize first, e.g. × 100 and round).
 */
public final class PreEncodedQueryWriter implements AutoCloseable {

  private final Writer out;
  private final Vocabulary vocabulary;

  private PreEncodedQueryWriter(Writer out, Vocabulary vocabulary) {
    this.out = out;
    this.vocabulary = vocabulary;
  }

  /** Creates or replaces {@code file}, gzip when it ends in {@code .gz}. */
  public static PreEncodedQueryWriter create(Path file, Vocabulary vocabulary) throws IOException {
    return new PreEncodedQueryWriter(InputFiles.writer(file), vocabulary);
  }

  /**
   * Appends one query.
   *
   * @throws IllegalArgumentException when the id holds a tab or line break, or a weight is not a
   *     whole number
   */
  public void write(VectorRecord query) throws IOException {
    String id = query.id();
    if (id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("query id '" + id + "' holds a tab or line break");
    }
    SparseVector v = query.vector();
    for (int i = 0; i < v.size(); i++) {
      float w = v.weight(i);
      if (w != Math.rint(w)) {
        throw new IllegalArgumentException("query " + id + ": weight " + w + " of term "
            + v.termId(i) + " is not a whole number; quantize weights before writing this format");
      }
    }
    out.write(id);
    out.write('\t');
    boolean first = true;
    for (int i = 0; i < v.size(); i++) {
      float w = v.weight(i);
      String token = vocabulary.token(v.termId(i));
      for (int n = 0; n < (int) w; n++) {
        if (!first) {
          out.write(' ');
        }
        out.write(token);
        first = false;
      }
    }
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
