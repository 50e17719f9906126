package lsr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrelsTest {

  @TempDir Path dir;

  @Test
  void readsTrecQrelsWithAnyWhitespaceAndNegativeGrades() throws IOException {
    Path p = dir.resolve("qrels.txt");
    Files.writeString(p, "1 0 d1 2\n1\t0\td2\t0\n  2 Q0 d1 -1  \n");
    Qrels q = Qrels.readTrec(p, ErrorPolicy.strict());
    assertEquals(List.of("1", "2"), List.copyOf(q.queryIds()));
    assertEquals(2, q.relevance("1", "d1"));
    assertEquals(-1, q.relevance("2", "d1"));
    assertEquals(0, q.relevance("2", "unjudged"));
    assertEquals(1, q.relevantCount("1"));
    assertEquals(0, q.relevantCount("2"));
    assertEquals(3, q.size());
  }

  @Test
  void malformedLinesAndRepeatsNameFileAndLine() throws IOException {
    Path p = dir.resolve("qrels.txt");
    Files.writeString(p, "1 0 d1 1\n1 0 d2\n1 0 d3 high\n1 0 d1 0\n1 0 d4 1\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> Qrels.readTrec(p, ErrorPolicy.strict()));
    assertEquals(p + ":2: expected 4 fields 'qid iter docid rel', found 3", e.getMessage());
    ErrorPolicy lenient = ErrorPolicy.lenient();
    Qrels q = Qrels.readTrec(p, lenient);
    assertEquals(3, lenient.skipped());
    assertEquals(1, q.relevance("1", "d1"), "the first judgment stands");
    assertEquals(2, q.size());
    assertTrue(lenient.summary().contains(p + ":3: relevance 'high' is not an integer"), lenient.summary());
    assertTrue(lenient.summary().contains(p + ":4: document d1 is judged twice for query 1"), lenient.summary());
  }

  @Test
  void beirQrelsSkipTheHeaderOnlyOnLineOne() throws IOException {
    Path p = dir.resolve("test.tsv");
    Files.writeString(p, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1 d2 1\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> Qrels.readBeir(p, ErrorPolicy.strict()));
    assertEquals(3, e.line());
    Files.writeString(p, "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
    assertEquals(1, Qrels.readBeir(p, ErrorPolicy.strict()).size());
  }

  @Test
  void writerRoundTrips() throws IOException {
    Qrels q = new Qrels.Builder().add("1", "a", 1).add("1", "b", 0).add("2", "a", 3).build();
    Path p = dir.resolve("out.qrels.gz");
    try (QrelsWriter w = QrelsWriter.create(p)) {
      w.write(q);
      assertThrows(IllegalArgumentException.class, () -> w.write(new Judgment("3", "has space", 1)));
    }
    Qrels back = Qrels.readTrec(p, ErrorPolicy.strict());
    assertEquals(q.queryIds(), back.queryIds());
    assertEquals(q.judgments("1"), back.judgments("1"));
    assertEquals(q.judgments("2"), back.judgments("2"));
    assertThrows(IllegalArgumentException.class, () -> new Qrels.Builder().add("1", "a", 1).add("1", "a", 2));
  }
}
