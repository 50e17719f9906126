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

class TrecRunTest {

  @TempDir Path dir;

  @Test
  void writerKeepsFloatScoresExactAndReaderReadsThemBack() throws IOException {
    Path p = dir.resolve("run.trec");
    List<ScoredDoc> ranked = List.of(new ScoredDoc("d9", 12.345678f), new ScoredDoc("d1", 1.0 / 3), new ScoredDoc("d2", -2));
    try (TrecRunWriter w = TrecRunWriter.create(p, "bm25")) {
      w.write("q1", ranked);
      w.write("q2", List.of());
    }
    assertEquals("q1 Q0 d9 1 12.345678 bm25", Files.readAllLines(p).get(0));
    Run run = Run.readTrec(p, ErrorPolicy.strict());
    assertEquals(List.of(new ScoredDoc("d9", 12.345678), ranked.get(1), ranked.get(2)), run.results("q1"),
        "a float score reads back as its shortest decimal");
    assertEquals(List.of("q1"), List.copyOf(run.queryIds()));
    List<RunEntry> entries = Records.readAll(TrecRunReader.open(p, ErrorPolicy.strict()));
    assertEquals(new RunEntry("q1", "d1", 2, 1.0 / 3, "bm25"), entries.get(1));
  }

  @Test
  void distinctFloatScoresStayDistinctAndOrderedThroughTheFile() throws IOException {
    long seed = Long.getLong("lsr.test.seed", 1729L);
    System.out.println("distinctFloatScores seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 100_000; i++) {
      float a = Float.intBitsToFloat(random.nextInt(0x7f000000));
      float b = Math.nextUp(a);
      double da = Double.parseDouble(TrecRunWriter.format(a));
      double db = Double.parseDouble(TrecRunWriter.format(b));
      assertTrue(da < db, a + " and " + b + " seed " + seed);
    }
  }

  @Test
  void malformedLinesAndRepeatedDocumentsNameFileAndLine() throws IOException {
    Path p = dir.resolve("run.trec");
    Files.writeString(p, """
        q1 Q0 d1 1 3.5 tag
        q1 Q0 d2 2 tag
        q1 Q0 d3 x 1.0 tag
        q1 Q0 d4 4 abc tag
        q1 Q0 d5 5 NaN tag
        q1 Q0 d1 6 0.5 tag
        q1 Q0 d7 7 0.25 tag
        """);
    InputFormatException e = assertThrows(InputFormatException.class, () -> Run.readTrec(p, ErrorPolicy.strict()));
    assertEquals(p + ":2: expected 6 fields 'qid Q0 docid rank score tag', found 5", e.getMessage());
    ErrorPolicy lenient = ErrorPolicy.lenient();
    Run run = Run.readTrec(p, lenient);
    assertEquals(List.of(new ScoredDoc("d1", 3.5), new ScoredDoc("d7", 0.25)), run.results("q1"));
    assertEquals(5, lenient.skipped());
    String summary = lenient.summary();
    assertTrue(summary.contains(p + ":3: rank 'x' is not an integer"), summary);
    assertTrue(summary.contains(p + ":4: score 'abc' is not a number"), summary);
    assertTrue(summary.contains(p + ":5: score 'NaN' is not finite"), summary);
    assertTrue(summary.contains(p + ":6: document d1 is retrieved twice for query q1 (second line skipped)"), summary);
  }

  @Test
  void writerRefusesIdsWithWhitespace() throws IOException {
    try (TrecRunWriter w = TrecRunWriter.create(dir.resolve("r"), "t")) {
      assertThrows(IllegalArgumentException.class, () -> w.write("q 1", List.of(new ScoredDoc("d", 1))));
      assertThrows(IllegalArgumentException.class, () -> w.write("q1", List.of(new ScoredDoc("d d", 1))));
    }
    assertThrows(IllegalArgumentException.class, () -> TrecRunWriter.create(dir.resolve("r2"), "two words"));
  }
}
