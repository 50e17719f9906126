package lsr.data;

import static lsr.data.Records.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsMarcoTsvTest {

  @TempDir Path dir;

  @Test
  void readsDocumentsAndQueriesKeepingTabsAfterTheFirst() throws IOException {
    Path p = dir.resolve("collection.tsv");
    Files.writeString(p, "0\tThe presence of communication\n1\ttext\twith a tab\r\n\n2\t\n");
    List<Document> docs = readAll(MsMarcoTsv.documents(p, ErrorPolicy.strict()));
    assertEquals(List.of(new Document("0", "", "The presence of communication"),
        new Document("1", "", "text\twith a tab"), new Document("2", "", "")), docs);
    assertEquals(new Query("1", "text\twith a tab"), readAll(MsMarcoTsv.queries(p, ErrorPolicy.strict())).get(1));
  }

  @Test
  void malformedLineNamesFileAndLine() throws IOException {
    Path p = dir.resolve("queries.tsv");
    Files.writeString(p, "1\tok\n2 no tab\n\tno id\n4\tok\n");
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> readAll(MsMarcoTsv.queries(p, ErrorPolicy.strict())));
    assertEquals(p + ":2: expected 'id<TAB>text', found no tab", e.getMessage());
    ErrorPolicy lenient = ErrorPolicy.lenient();
    assertEquals(List.of("1", "4"), readAll(MsMarcoTsv.queries(p, lenient)).stream().map(Query::id).toList());
    assertEquals(2, lenient.skipped());
    assertTrue(lenient.summary().contains(p + ":3: the id before the tab is empty (line skipped)"), lenient.summary());
  }

  @Test
  void writerRoundTripsPlainAndGzip() throws IOException {
    for (String name : new String[] {"out.tsv", "out.tsv.gz"}) {
      Path p = dir.resolve(name);
      try (MsMarcoTsvWriter w = MsMarcoTsvWriter.create(p)) {
        w.write("a", "first text");
        w.write("b", "tab\there and\nnewline");
        assertThrows(IllegalArgumentException.class, () -> w.write("c\t", "x"));
      }
      assertEquals(List.of(new Query("a", "first text"), new Query("b", "tab here and newline")),
          readAll(MsMarcoTsv.queries(p, ErrorPolicy.strict())));
    }
  }
}
