package lsr.index.bm25;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import lsr.data.Document;
import lsr.index.DocMask;
import lsr.index.Hits;
import org.apache.lucene.index.IndexWriterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a BM25 search answers, against the formula of {@link Bm25Searcher} worked out by hand.
 * Segments hold local docs only: external ids, and the refusal of an id given twice, belong to the
 * collection's id table ({@code lsr.index.docs.DocIdTableWriter}), and stored documents to the
 * collection's segment, so neither is checked here.
 */
class Bm25SearcherTest {

  /** Replay a failure with -Dlsr.test.seed=<n>. */
  private static final long SEED = Long.getLong("lsr.test.seed", 20261204L);
  private static final String REPLAY = "seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")";

  /** Local docs 0, 1 and 2 when written in this order (ids only name them in messages). */
  private static final List<Document> DOCS = List.of(
      new Document("d0", "apple", "banana apple"),
      new Document("d1", "", "banana cherry"),
      new Document("d2", "cherry cherry", "cherry date"));

  @TempDir Path dir;
  private final List<Bm25Segment> open = new ArrayList<>();

  @BeforeAll
  static void printSeed() {
    System.out.println("Bm25SearcherTest " + REPLAY);
  }

  @AfterEach
  void closeAll() throws IOException {
    for (Bm25Segment segment : open) {
      segment.close();
    }
  }

  @Test
  void scoresAsTheBm25FormulaOverTitleAndText() throws IOException {
    // The standard analyzer makes terms of words: the lengths are 3, 2 and 4 (titles count), so
    // N = 3 and avgdl = 3. "apple": df 1, tf 2 in doc 0 (title and text). "cherry": df 2, tf 1 in
    // doc 1 and tf 3 in doc 2 (twice in the title, once in the text).
    List<Bm25Segment> one = List.of(write("one", TextAnalyzer.STANDARD, DOCS));
    // With one segment per document, only collection-wide statistics give the same scores.
    List<Bm25Segment> each = new ArrayList<>();
    for (int d = 0; d < DOCS.size(); d++) {
      each.add(write("each" + d, TextAnalyzer.STANDARD, DOCS.subList(d, d + 1)));
    }
    for (Bm25Params params : List.of(Bm25Params.DEFAULTS, new Bm25Params(1.2f, 0.75f), new Bm25Params(2f, 1f))) {
      float[] expected = {
          (float) bm25(params, 1, idf(3, 1), 2, 3, 3),
          (float) bm25(params, 1, idf(3, 2), 3, 4, 3),
          (float) bm25(params, 1, idf(3, 2), 1, 2, 3)};
      // With the defaults: 0.676434, 0.350749 and 0.264047.
      for (List<Bm25Segment> segments : List.of(one, each)) {
        String why = params + ", " + segments.size() + " segments";
        Hits hits = new Bm25Searcher(segments, params).search("Apple cherry!", 10, all(segments));
        assertArrayEquals(new int[] {0, 2, 1}, hits.docs(), why);
        assertArrayEquals(expected, hits.scores(), 1e-6f, why);
      }
    }
  }

  /**
   * Every score of random queries over random segments (some documents empty, one segment empty at
   * times) against the formula; lengths stay within Lucene's exact 40.
   */
  @Test
  void everyScoreIsTheFormulaWithCollectionWideStatistics() throws IOException {
    Random random = new Random(SEED);
    String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"};
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      docs.add(new Document("d" + i, randomWords(random, words, random.nextInt(4)),
          randomWords(random, words, random.nextInt(10) == 0 ? 0 : random.nextInt(37))));
    }
    int cut1 = random.nextInt(docs.size() + 1);
    int cut2 = cut1 + random.nextInt(docs.size() - cut1 + 1);
    List<Bm25Segment> segments = List.of(write("s0", TextAnalyzer.STANDARD, docs.subList(0, cut1)),
        write("s1", TextAnalyzer.STANDARD, docs.subList(cut1, cut2)),
        write("s2", TextAnalyzer.STANDARD, docs.subList(cut2, docs.size())));
    Bm25Params params = new Bm25Params(2 * random.nextFloat(), random.nextFloat());
    Bm25Searcher searcher = new Bm25Searcher(segments, params);

    // The statistics by hand: N and avgdl over the documents with at least one term.
    List<Map<String, Integer>> tf = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    long totalLength = 0;
    int nonEmpty = 0;
    for (Document d : docs) {
      Map<String, Integer> counts = new HashMap<>();
      for (String w : (d.title() + " " + d.text()).split(" ")) {
        if (!w.isEmpty()) {
          counts.merge(w, 1, Integer::sum);
          totalLength++;
        }
      }
      counts.keySet().forEach(w -> df.merge(w, 1, Integer::sum));
      nonEmpty += counts.isEmpty() ? 0 : 1;
      tf.add(counts);
    }
    double avgdl = (double) totalLength / nonEmpty;

    for (int q = 0; q < 50; q++) {
      String query = randomWords(random, words, 1 + random.nextInt(4)) + (random.nextBoolean() ? " zulu" : "");
      String why = REPLAY + ", " + params + ", segments of " + cut1 + ", " + (cut2 - cut1) + " and "
          + (docs.size() - cut2) + ", query '" + query + "'";
      Map<String, Integer> queryTerms = new LinkedHashMap<>();
      for (String w : query.split(" ")) {
        queryTerms.merge(w, 1, Integer::sum);
      }
      assertEquals(queryTerms, searcher.terms(query), why);
      Map<Integer, Double> expected = new HashMap<>();
      for (int d = 0; d < docs.size(); d++) {
        Map<String, Integer> counts = tf.get(d);
        int dl = counts.values().stream().mapToInt(Integer::intValue).sum();
        for (Map.Entry<String, Integer> t : queryTerms.entrySet()) {
          String term = t.getKey();
          if (counts.containsKey(term)) {
            double idf = idf(nonEmpty, df.get(term));
            expected.merge(d, bm25(params, t.getValue(), idf, counts.get(term), dl, avgdl), Double::sum);
          }
        }
      }
      Hits hits = searcher.search(query, docs.size(), all(segments));
      Set<Integer> found = new TreeSet<>();
      for (int i = 0; i < hits.size(); i++) {
        int d = hits.doc(i);
        found.add(d);
        double want = expected.getOrDefault(d, 0.0);
        assertEquals(want, hits.score(i), 1e-5 * want, why + ": doc " + d);
        assertTrue(i == 0 || hits.score(i) <= hits.score(i - 1), why + ": best first at " + i);
      }
      assertEquals(new TreeSet<>(expected.keySet()), found, why + ": the documents holding a query term");
    }
  }

  @Test
  void repeatedQueryTermsWeighMore() throws IOException {
    List<Bm25Segment> segments = List.of(write("s", TextAnalyzer.STANDARD, DOCS));
    Bm25Searcher searcher = new Bm25Searcher(segments, Bm25Params.DEFAULTS);
    assertEquals(Map.of("banana", 2), searcher.terms("banana Banana"));
    Hits once = searcher.search("banana date", 3, all(segments));
    Hits twice = searcher.search("banana banana date", 3, all(segments));
    // Doc 0 or 1 holds banana, doc 2 date: a doubled banana doubles banana's part.
    assertArrayEquals(new int[] {2, 1, 0}, once.docs());
    assertArrayEquals(new int[] {1, 0, 2}, twice.docs());
    for (int i = 0; i < 3; i++) {
      int d = twice.doc(i);
      float before = scoreOf(once, d);
      assertEquals(d == 2 ? before : 2 * before, twice.score(i), 1e-6f, "doc " + d);
    }
  }

  @Test
  void queriesWithoutIndexableTermsFindNothing() throws IOException {
    List<Bm25Segment> segments = List.of(write("s", TextAnalyzer.ENGLISH, DOCS));
    Bm25Searcher searcher = new Bm25Searcher(segments, Bm25Params.DEFAULTS);
    List<DocMask> all = all(segments);
    assertEquals(0, searcher.search("", 10, all).size());
    assertEquals(Map.of(), searcher.terms("the of and ?!"));
    assertEquals(0, searcher.search("the of and ?!", 10, all).size(), "only stop words and punctuation");
    assertEquals(0, searcher.search("zebra", 10, all).size());
    assertEquals(3, searcher.search("the apple of banana and cherry", 10, all).size(), "stop words are dropped");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> searcher.search("apple", 0, all));
    assertTrue(e.getMessage().contains("k must be >= 1, got 0"), e.getMessage());
  }

  @Test
  void analyzersDifferAsDocumented() throws IOException {
    List<Document> docs = List.of(new Document("r", "", "The runner's running shoes"));
    Map<TextAnalyzer, Map<String, Integer>> expected = Map.of(
        TextAnalyzer.STANDARD, Map.of("the", 1, "runner's", 1, "running", 1, "shoes", 1),
        TextAnalyzer.PORTER, Map.of("the", 1, "runner", 1, "run", 1, "shoe", 1),
        TextAnalyzer.ENGLISH, Map.of("runner", 1, "run", 1, "shoe", 1));
    for (TextAnalyzer a : TextAnalyzer.values()) {
      Bm25Segment segment = write(a.id(), a, docs);
      assertEquals(a, segment.analyzer(), "the analyzer is recorded in the segment");
      Bm25Searcher searcher = new Bm25Searcher(List.of(segment), Bm25Params.DEFAULTS);
      assertEquals(expected.get(a), searcher.terms("The runner's running shoes"), a.id());
      // Queries go through the segment's analyzer: only stemming finds "runs" in "running".
      int found = searcher.search("RUNS", 10, List.of(DocMask.ALL)).size();
      assertEquals(a == TextAnalyzer.STANDARD ? 0 : 1, found, a.id() + ": 'RUNS'");
    }
    assertEquals(TextAnalyzer.PORTER, TextAnalyzer.of("Porter"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextAnalyzer.of("klingon"));
    assertTrue(e.getMessage().contains("unknown analyzer 'klingon'"), e.getMessage());
  }

  @Test
  void paramsAreValidated() {
    for (float[] bad : new float[][] {{-1f, 0.4f}, {Float.NaN, 0.4f}, {Float.POSITIVE_INFINITY, 0.4f},
        {0.9f, 1.5f}, {0.9f, -0.1f}, {0.9f, Float.NaN}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bm25Params(bad[0], bad[1]),
          "k1 " + bad[0] + ", b " + bad[1]);
      assertTrue(e.getMessage().contains(bad[0] == 0.9f ? "b must be in [0, 1]" : "k1 must be finite and >= 0"),
          e.getMessage());
    }
    assertEquals(0f, new Bm25Params(0f, 0f).k1(), "the bounds are allowed");
    assertEquals(1f, new Bm25Params(0f, 1f).b(), "the bounds are allowed");
  }

  // ---- helpers

  /** Lucene's idf: ln(1 + (N - df + 0.5) / (df + 0.5)). */
  private static double idf(int n, int df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** One query term's part, weighted by its count in the query, without the factor (k1 + 1). */
  private static double bm25(Bm25Params p, int queryCount, double idf, int tf, int dl, double avgdl) {
    return queryCount * idf * tf / (tf + p.k1() * (1 - p.b() + p.b() * dl / avgdl));
  }

  private static String randomWords(Random random, String[] words, int count) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double r = random.nextDouble();
      picked.add(words[(int) (r * r * words.length)]);
    }
    return String.join(" ", picked);
  }

  private static List<DocMask> all(List<Bm25Segment> segments) {
    return Collections.nCopies(segments.size(), DocMask.ALL);
  }

  private static float scoreOf(Hits hits, int doc) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.doc(i) == doc) {
        return hits.score(i);
      }
    }
    throw new AssertionError("doc " + doc + " is not among the hits");
  }

  /** A finished segment of {@code docs}' titles and texts, in order, opened (and closed after the test). */
  private Bm25Segment write(String name, TextAnalyzer analyzer, List<Document> docs) throws IOException {
    Bm25Segment segment =
        Bm25SegmentsTest.written(dir.resolve(name), analyzer, IndexWriterConfig.DISABLE_AUTO_FLUSH, docs);
    open.add(segment);
    return segment;
  }
}
