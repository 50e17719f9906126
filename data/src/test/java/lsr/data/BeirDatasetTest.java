package lsr.data;

import static lsr.data.Records.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

  @TempDir Path dir;

  @Test
  void writerAndReaderRoundTrip() throws IOException {
    try (BeirDatasetWriter w = BeirDatasetWriter.create(dir, "test")) {
      w.write(new Document("d1", "Title \"one\"", "Body\nwith newline"));
      w.write(new Document("d2", "", "no title"));
      w.write(new Query("q1", "what is one"));
      w.write(new Judgment("q1", "d1", 2));
      w.write(new Judgment("q1", "d2", 0));
    }
    BeirDataset data = BeirDataset.open(dir);
    assertEquals(List.of(new Document("d1", "Title \"one\"", "Body\nwith newline"), new Document("d2", "", "no title")),
        readAll(data.corpus(ErrorPolicy.strict())));
    assertEquals(Map.of("q1", new Query("q1", "what is one")), data.queries(ErrorPolicy.strict()));
    Qrels qrels = data.qrels("test", ErrorPolicy.strict());
    assertEquals(2, qrels.relevance("q1", "d1"));
    assertEquals(1, qrels.relevantCount("q1"));
    assertEquals(List.of("test"), data.splits());
  }

  @Test
  void readsOptionalTitleNumericIdsAndMetadataAsFields() throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"),
        "{\"_id\": 12, \"text\": \"t\", \"metadata\": {\"url\": \"x\", \"year\": 1999, \"tags\": [\"a\", \"b\"]}}\n"
            + "{\"_id\": \"a\", \"title\": null, \"text\": \"u\", \"other\": {\"ignored\": true}}\n");
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q\", \"text\": \"t\"}\n");
    Map<String, FieldValue> fields = Map.of("url", new FieldValue.Text("x"), "year", new FieldValue.Number(1999),
        "tags", new FieldValue.Keywords(List.of("a", "b")));
    List<Document> read = readAll(BeirDataset.open(dir).corpus(ErrorPolicy.strict()));
    assertEquals(List.of(new Document("12", "", "t", fields), new Document("a", "", "u")), read);

    // Written back and read again: the same documents.
    Path copy = dir.resolve("copy");
    try (BeirDatasetWriter w = BeirDatasetWriter.create(copy, "test")) {
      for (Document d : read) {
        w.write(d);
      }
    }
    assertEquals(read, readAll(BeirDataset.open(copy).corpus(ErrorPolicy.strict())));
  }

  @Test
  void metadataOfAnotherShapeIsAnErrorNamingTheLine() throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"),
        "{\"_id\": \"1\", \"text\": \"t\"}\n{\"_id\": \"2\", \"text\": \"t\", \"metadata\": {\"deep\": {\"x\": 1}}}\n");
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q\", \"text\": \"t\"}\n");
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> readAll(BeirDataset.open(dir).corpus(ErrorPolicy.strict())));
    assertTrue(e.getMessage().contains("corpus.jsonl:2") && e.getMessage().contains("'deep'"), e.getMessage());
  }

  @Test
  void malformedCorpusAndQueryLinesNameFileAndLine() throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"), """
        {"_id": "1", "title": "t", "text": "ok"}
        {"_id": "2", "title": "t"}
        {"title": "t", "text": "x"}
        {"_id": "4", "text": 5}
        {"_id": "5", "text": "ok"
        {"_id": "6", "text": "ok"}
        """);
    Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q\", \"text\": \"t\"}\n{\"_id\": \"q\", \"text\": \"again\"}\n");
    BeirDataset data = BeirDataset.open(dir);
    InputFormatException e = assertThrows(InputFormatException.class, () -> readAll(data.corpus(ErrorPolicy.strict())));
    assertEquals(dir.resolve("corpus.jsonl") + ":2: field \"text\" is missing", e.getMessage());
    ErrorPolicy lenient = ErrorPolicy.lenient();
    assertEquals(List.of("1", "6"), readAll(data.corpus(lenient)).stream().map(Document::id).toList());
    assertEquals(4, lenient.skipped());

    InputFormatException dup = assertThrows(InputFormatException.class, () -> data.queries(ErrorPolicy.strict()));
    assertEquals(2, dup.line());
    assertTrue(dup.getMessage().contains("query id q appears twice"), dup.getMessage());
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> BeirDataset.open(dir));
    assertTrue(e.getMessage().contains("corpus.jsonl"), e.getMessage());
    Files.writeString(dir.resolve("corpus.jsonl"), "");
    Files.writeString(dir.resolve("queries.jsonl.gz"), "");
    BeirDataset data = BeirDataset.open(dir);
    NoSuchFileException split = assertThrows(NoSuchFileException.class, () -> data.qrels("dev", ErrorPolicy.strict()));
    assertTrue(split.getMessage().contains("qrels/dev.tsv"), split.getMessage());
  }

  @Test
  void readsTheClassicCollectionsWhenSharedDataIsPresent() throws IOException {
    BeirDataset cranfield = BeirDataset.open(SharedData.path("classic/cranfield"));
    assertEquals(1400, readAll(cranfield.corpus(ErrorPolicy.strict())).size());
    assertEquals(225, cranfield.queries(ErrorPolicy.strict()).size());
    Qrels qrels = cranfield.qrels("test", ErrorPolicy.strict());
    assertEquals(1612, qrels.size());
    assertEquals(3, qrels.relevance("1", "184"));
  }
}
