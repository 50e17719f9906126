package lsr.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a dataset in BEIR's layout (see {@link BeirDataset}): documents stream into {@code
 * corpus.jsonl}, queries into {@code queries.jsonl}, judgments into {@code qrels/<split>.tsv}.
 */
public final class BeirDatasetWriter implements AutoCloseable {

  private static final JsonFactory JSON = new com.fasterxml.jackson.databind.MappingJsonFactory();

  private final JsonGenerator corpus;
  private final JsonGenerator queries;
  private final BufferedWriter qrels;

  private BeirDatasetWriter(Path folder, String split) throws IOException {
    this.corpus = generator(folder.resolve("corpus.jsonl"));
    this.queries = generator(folder.resolve("queries.jsonl"));
    this.qrels = InputFiles.writer(folder.resolve("qrels").resolve(split + ".tsv"));
    this.qrels.write("query-id\tcorpus-id\tscore\n");
  }

  private static JsonGenerator generator(Path file) throws IOException {
    JsonGenerator g = JSON.createGenerator(InputFiles.writer(file));
    g.setRootValueSeparator(null);
    return g;
  }

  /** Creates (or replaces) the files of a dataset in {@code folder} with one qrels split. */
  public static BeirDatasetWriter create(Path folder, String split) throws IOException {
    return new BeirDatasetWriter(folder, split);
  }

  public void write(Document d) throws IOException {
    corpus.writeStartObject();
    corpus.writeStringField("_id", d.id());
    corpus.writeStringField("title", d.title());
    corpus.writeStringField("text", d.text());
    if (!d.fields().isEmpty()) {
      corpus.writeObjectFieldStart("metadata");
      for (var f : d.fields().entrySet()) {
        corpus.writeFieldName(f.getKey());
        corpus.writeTree(f.getValue().toJson());
      }
      corpus.writeEndObject();
    }
    corpus.writeEndObject();
    corpus.writeRaw('\n');
  }

  public void write(Query q) throws IOException {
    queries.writeStartObject();
    queries.writeStringField("_id", q.id());
    queries.writeStringField("text", q.text());
    queries.writeEndObject();
    queries.writeRaw('\n');
  }

  /**
   * Appends a judgment.
   *
   * @throws IllegalArgumentException when an id holds a tab or line break
   */
  public void write(Judgment j) throws IOException {
    for (String id : new String[] {j.queryId(), j.docId()}) {
      if (id.isEmpty() || id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("id '" + id + "' is empty or holds a tab or line break");
      }
    }
    qrels.write(j.queryId() + "\t" + j.docId() + "\t" + j.relevance() + "\n");
  }

  @Override
  public void close() throws IOException {
    try (corpus; queries; qrels) {
      // closes all three, even when one fails
    }
  }
}
