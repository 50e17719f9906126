package lsr.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dataset folder in BEIR's layout:
 *
 * <pre>
 * folder/corpus.jsonl        {"_id": ..., "title": ..., "text": ...} per line
 * folder/queries.jsonl       {"_id": ..., "text": ...} per line
 * folder/qrels/&lt;split&gt;.tsv   header "query-id corpus-id score", then tab-separated rows
 * </pre>
 *
 * Each file may also be gzip-compressed with a {@code .gz} suffix. The corpus streams; queries and
 * qrels are small and load into memory.
 */
public final class BeirDataset {

  private final Path folder;

  private BeirDataset(Path folder) {
    this.folder = folder;
  }

  /**
   * The dataset in {@code folder}.
   *
   * @throws NoSuchFileException when the folder, its corpus or its queries are missing
   */
  public static BeirDataset open(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null,
          "not a folder; a BEIR dataset is a folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv");
    }
    BeirDataset dataset = new BeirDataset(folder);
    dataset.file("corpus.jsonl");
    dataset.file("queries.jsonl");
    return dataset;
  }

  /** The folder. */
  public Path folder() {
    return folder;
  }

  /** The folder's name, e.g. {@code cranfield}. */
  public String name() {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return name == null ? folder.toString() : name.toString();
  }

  /** Streams the corpus. */
  public RecordReader<Document> corpus(ErrorPolicy policy) throws IOException {
    return BeirJsonlReader.corpus(file("corpus.jsonl"), policy);
  }

  /** Streams the queries. */
  public RecordReader<Query> queryReader(ErrorPolicy policy) throws IOException {
    return BeirJsonlReader.queries(file("queries.jsonl"), policy);
  }

  /**
   * All queries by id, in file order.
   *
   * @throws InputFormatException (strict) or a counted skip (lenient) for a repeated query id
   */
  public Map<String, Query> queries(ErrorPolicy policy) throws IOException {
    Map<String, Query> byId = new LinkedHashMap<>();
    try (BeirJsonlReader<Query> reader = BeirJsonlReader.queries(file("queries.jsonl"), policy)) {
      while (reader.hasNext()) {
        Query q = reader.next();
        Query before = byId.putIfAbsent(q.id(), q);
        if (before != null) {
          reader.reject("query id " + q.id() + " appears twice", "second query");
        }
      }
    }
    return byId;
  }

  /** The judgments of {@code split} ({@code qrels/<split>.tsv}). */
  public Qrels qrels(String split, ErrorPolicy policy) throws IOException {
    return Qrels.readBeir(file("qrels/" + split + ".tsv"), policy);
  }

  /** The splits that have a qrels file, sorted. */
  public List<String> splits() throws IOException {
    Path qrels = folder.resolve("qrels");
    List<String> splits = new ArrayList<>();
    if (Files.isDirectory(qrels)) {
      try (Stream<Path> files = Files.list(qrels)) {
        files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".tsv") || n.endsWith(".tsv.gz"))
            .map(n -> n.substring(0, n.indexOf(".tsv")))
            .sorted()
            .forEach(splits::add);
      }
    }
    return splits;
  }

  private Path file(String relative) throws IOException {
    Path plain = folder.resolve(relative);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = folder.resolve(relative + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    String hint = relative.startsWith("qrels/") ? "; splits here: " + splits() : "";
    throw new NoSuchFileException(plain.toString(), null,
        "missing from the BEIR dataset (expected " + relative + " or " + relative + ".gz)" + hint);
  }
}
