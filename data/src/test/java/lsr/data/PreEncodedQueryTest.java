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

class PreEncodedQueryTest {

  private static final Vocabulary VOCAB = Vocabulary.of(List.of("[PAD]", "apple", "banana", "##ing"));

  @TempDir Path dir;

  private static List<VectorRecord> readAll(Path p, Vocabulary vocab, ErrorPolicy policy) throws IOException {
    return Records.readAll(PreEncodedQueryReader.open(p, vocab, policy));
  }

  @Test
  void countsRepeatsAsImpacts() throws IOException {
    Path p = dir.resolve("q.tsv");
    Files.writeString(p, "q1\tapple banana apple ##ing apple\nq2\t\n");
    List<VectorRecord> qs = readAll(p, VOCAB, ErrorPolicy.strict());
    assertEquals("q1", qs.get(0).id());
    assertEquals(SparseVector.of(new int[] {1, 2, 3}, new float[] {3, 1, 1}), qs.get(0).vector());
    assertTrue(qs.get(1).vector().isEmpty());
  }

  @Test
  void malformedLinesAndUnknownTokens() throws IOException {
    Path p = dir.resolve("q.tsv");
    Files.writeString(p, "q1\tapple\nno tab here\n\tapple\nq4\tapple durian\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> readAll(p, VOCAB, ErrorPolicy.strict()));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("no tab"), e.getMessage());
    ErrorPolicy lenient = ErrorPolicy.lenient();
    List<VectorRecord> qs = readAll(p, VOCAB, lenient);
    assertEquals(List.of("q1", "q4"), qs.stream().map(VectorRecord::id).toList());
    assertEquals(SparseVector.of(new int[] {1}, new float[] {1}), qs.get(1).vector());
    assertEquals(3, lenient.skipped());
    assertTrue(lenient.summary().contains(p + ":4: token 'durian'"), lenient.summary());
  }

  @Test
  void writerRoundTripsAndRefusesFractionalWeights() throws IOException {
    Path p = dir.resolve("q.tsv.gz");
    VectorRecord q = new VectorRecord("7", SparseVector.of(new int[] {1, 3}, new float[] {2, 3}));
    try (PreEncodedQueryWriter w = PreEncodedQueryWriter.create(p, VOCAB)) {
      w.write(q);
      assertThrows(IllegalArgumentException.class,
          () -> w.write(new VectorRecord("8", SparseVector.of(new int[] {1}, new float[] {0.5f}))));
    }
    assertEquals(List.of(q), readAll(p, VOCAB, ErrorPolicy.strict()));
  }

  @Test
  void readsAnserinisSpladeQueriesWhenSharedDataIsPresent() throws IOException {
    Path p = SharedData.path("topics-qrels/topics/topics.dl19-passage.splade-pp-ed.tsv.gz");
    List<VectorRecord> qs = readAll(p, Vocabulary.bertBaseUncased(), ErrorPolicy.strict());
    assertEquals(43, qs.size());
    VectorRecord first = qs.get(0);
    assertEquals("156493", first.id());
    assertTrue(first.vector().size() > 5);
    assertTrue(first.vector().get(Vocabulary.bertBaseUncased().id("not")) >= 100f);
  }
}
