package lsr.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * Reads MS MARCO's TSV files, {@code id<TAB>text} per line (collection.tsv, queries.*.tsv), plain or
 * gzip. Everything after the first tab is the text. A line without a tab or with an empty id is an
 * error.
 */
public final class MsMarcoTsv {

  private MsMarcoTsv() {}

  /** Passages as documents without titles. */
  public static RecordReader<Document> documents(Path file, ErrorPolicy policy) throws IOException {
    return new Reader<>(file, policy, (id, text) -> new Document(id, "", text));
  }

  /** Queries. */
  public static RecordReader<Query> queries(Path file, ErrorPolicy policy) throws IOException {
    return new Reader<>(file, policy, Query::new);
  }

  private static final class Reader<T> extends LineRecordReader<T> {
    private final BiFunction<String, String, T> make;

    Reader(Path file, ErrorPolicy policy, BiFunction<String, String, T> make) throws IOException {
      super(file, policy);
      this.make = make;
    }

    @Override
    protected T parse(String line) throws BadLine {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new BadLine("expected 'id<TAB>text', found no tab");
      }
      String id = line.substring(0, tab).strip();
      if (id.isEmpty()) {
        throw new BadLine("the id before the tab is empty");
      }
      return make.apply(id, line.substring(tab + 1));
    }
  }
}
