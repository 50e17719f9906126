package lsr.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes {@code id<TAB>text} lines, the format {@link MsMarcoTsv} reads. Tabs and line breaks inside
 * a text would break the format and are written as spaces; an id holding one is refused.
 */
public final class MsMarcoTsvWriter implements AutoCloseable {

  private final Writer out;

  private MsMarcoTsvWriter(Writer out) {
    this.out = out;
  }

  /** Creates or replaces {@code file}, gzip when it ends in {@code .gz}. */
  public static MsMarcoTsvWriter create(Path file) throws IOException {
    return new MsMarcoTsvWriter(InputFiles.writer(file));
  }

  /**
   * Appends one line.
   *
   * @throws IllegalArgumentException when {@code id} holds a tab or line break
   */
  public void write(String id, String text) throws IOException {
    if (id.isEmpty() || id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("id '" + id + "' is empty or holds a tab or line break");
    }
    out.write(id);
    out.write('\t');
    out.write(text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
