package lsr.index.bm25;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lsr.data.Document;
import lsr.index.Hits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bm25IndexTest {

  @TempDir Path dir;

  private static final List<Document> DOCS = List.of(
      new Document("d1", "apple", "banana apple"),
      new Document("d2", "", "banana cherry"),
      new Document("d3", "cherry cherry", "cherry date"));

  @Test
  void scoresAsTheBm25FormulaOverTitleAndText() throws IOException {
    Bm25IndexBuilder.build(dir, DOCS.iterator(), TextAnalyzer.STANDARD);
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULTS)) {
      assertEquals(3, index.size());
      Hits hits = index.search("Apple cherry!", 10);
      // Hand computed: idf(n) = ln(1 + (3 - n + 0.5) / (n + 0.5)), avgdl = 3,
      // score = idf * tf / (tf + 0.9 * (0.6 + 0.4 * dl / avgdl)), summed over query terms.
      assertEquals(List.of("d1", "d3", "d2"),
          List.of(index.externalId(hits.doc(0)), index.externalId(hits.doc(1)), index.externalId(hits.doc(2))));
      assertArrayEquals(new float[] {0.676434f, 0.350749f, 0.264047f}, hits.scores(), 1e-5f);
      assertEquals(DOCS.get(2), index.document(hits.doc(1)));
    }
  }

  @Test
  void repeatedQueryTermsWeighMore() throws IOException {
    Bm25IndexBuilder.build(dir, DOCS.iterator(), TextAnalyzer.STANDARD);
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULTS)) {
      float once = index.search("banana", 1).score(0);
      float twice = index.search("banana banana", 1).score(0);
      assertEquals(2 * once, twice, 1e-6f);
    }
  }

  @Test
  void queriesWithoutIndexableTermsFindNothing() throws IOException {
    Bm25IndexBuilder.build(dir, DOCS.iterator(), TextAnalyzer.ENGLISH);
    try (Bm25Index index = Bm25Index.open(dir, Bm25Params.DEFAULTS)) {
      assertEquals(0, index.search("", 10).size());
      assertEquals(0, index.search("the of and ?!", 10).size(), "only stop words and punctuation");
      assertEquals(0, index.search("zebra", 10).size());
      assertThrows(IllegalArgumentException.class, () -> index.search("apple", 0));
    }
  }

  @Test
  void analyzersDifferAsDocumented() throws IOException {
    List<Document> docs = List.of(new Document("r", "", "The runner's running shoes"));
    Map<TextAnalyzer, Map<String, Integer>> expected = Map.of(
        TextAnalyzer.STANDARD, Map.of("the", 1, "runner's", 1, "running", 1, "shoes", 1),
        TextAnalyzer.PORTER, Map.of("the", 1, "runner", 1, "run", 1, "shoe", 1),
        TextAnalyzer.ENGLISH, Map.of("runner", 1, "run", 1, "shoe", 1));
    for (TextAnalyzer a : TextAnalyzer.values()) {
      Path folder = dir.resolve(a.id());
      Bm25IndexBuilder.build(folder, docs.iterator(), a);
      try (Bm25Index index = Bm25Index.open(folder, Bm25Params.DEFAULTS)) {
        assertEquals(a, index.analyzer(), "the analyzer is recorded in the index");
        assertEquals(expected.get(a), index.terms("The runner's running shoes"), a.id());
      }
    }
    assertEquals(TextAnalyzer.PORTER, TextAnalyzer.of("Porter"));
    assertThrows(IllegalArgumentException.class, () -> TextAnalyzer.of("klingon"));
  }

  @Test
  void duplicateIdsAreRefused() {
    List<Document> docs = List.of(new Document("x", "", "a"), new Document("y", "", "b"), new Document("x", "", "c"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Bm25IndexBuilder.build(dir, docs.iterator(), TextAnalyzer.STANDARD));
    assertTrue(e.getMessage().contains("'x' occurs 2 times"), e.getMessage());
  }

  @Test
  void openingSomethingElseIsAClearError() throws IOException {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Bm25Index.open(dir, Bm25Params.DEFAULTS));
    assertTrue(e.getReason().contains("no BM25 index"), e.getReason());
    Files.writeString(dir.resolve("stray.txt"), "x");
    assertThrows(NoSuchFileException.class, () -> Bm25Index.open(dir, Bm25Params.DEFAULTS));
  }

  @Test
  void paramsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Bm25Params(-1f, 0.4f));
    assertThrows(IllegalArgumentException.class, () -> new Bm25Params(0.9f, 1.5f));
    assertThrows(IllegalArgumentException.class, () -> new Bm25Params(Float.NaN, 0.4f));
  }
}
