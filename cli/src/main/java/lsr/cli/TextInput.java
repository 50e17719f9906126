package lsr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import lsr.data.BeirDataset;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.InputFiles;
import lsr.data.MsMarcoTsv;
import lsr.data.Query;
import lsr.data.RecordReader;

/**
 * The texts an encoding run reads: documents or queries of an {@code id<TAB>text} TSV (MS MARCO's
 * collection and query files) or of a BEIR folder ({@code corpus.jsonl} or {@code queries.jsonl}).
 * A document with a title is encoded as {@code title + " " + text}, as BEIR baselines do.
 */
final class TextInput implements Iterator<TextInput.Text>, AutoCloseable {

  /**
   * One text to encode and the id it is written under.
   *
   * @param document the document it comes from (title, text, fields), or null for a query
   */
  record Text(String id, String text, Document document) {}

  private final RecordReader<?> reader;
  private final Path file;

  private TextInput(RecordReader<?> reader, Path file) {
    this.reader = reader;
    this.file = file;
  }

  /**
   * Opens {@code input}: a BEIR folder, or an {@code id<TAB>text} file (plain or gzip).
   *
   * @param queries read queries instead of documents
   */
  static TextInput open(Path input, boolean queries, ErrorPolicy policy) throws IOException {
    if (Files.isDirectory(input)) {
      BeirDataset beir = BeirDataset.open(input);
      Path file = input.resolve(queries ? "queries.jsonl" : "corpus.jsonl");
      return new TextInput(queries ? beir.queryReader(policy) : beir.corpus(policy), file);
    }
    if (!Files.isRegularFile(input)) {
      throw new java.nio.file.NoSuchFileException(input.toString(), null,
          "no such file or folder; give an id<TAB>text TSV or a BEIR folder");
    }
    return new TextInput(queries ? MsMarcoTsv.queries(input, policy) : MsMarcoTsv.documents(input, policy), input);
  }

  /** Lines of the file read, a cheap upper bound of the records (for the progress bar's ETA). */
  static long countLines(Path input, boolean queries) throws IOException {
    Path file = Files.isDirectory(input) ? input.resolve(queries ? "queries.jsonl" : "corpus.jsonl") : input;
    long n = 0;
    try (BufferedReader r = InputFiles.reader(file)) {
      while (r.readLine() != null) {
        n++;
      }
    }
    return n;
  }

  /** The file records come from, for messages. */
  Path file() {
    return file;
  }

  @Override
  public boolean hasNext() {
    return reader.hasNext();
  }

  @Override
  public Text next() {
    return switch (reader.next()) {
      case Document d -> new Text(d.id(), d.title().isEmpty() ? d.text() : d.title() + " " + d.text(), d);
      case Query q -> new Text(q.id(), q.text(), null);
      default -> throw new IllegalStateException("unexpected record type");
    };
  }

  @Override
  public void close() {
    reader.close();
  }
}
