package lsr.query.ltr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import lsr.query.fusion.Candidates;
import lsr.query.fusion.Ranking;
import org.junit.jupiter.api.Test;

class LtrFeaturesTest {

  private static final Map<String, String> CORPUS = Map.of(
      "d1", "Indexing learned sparse vectors with inverted indexes",
      "d2", "Dense vectors and graphs",
      "d3", "Cooking pasta");

  private static Candidates candidates() {
    SequencedMap<String, Ranking> m = new LinkedHashMap<>();
    m.put("bm25", new Ranking(new String[] {"d1", "d3"}, new float[] {4, 2}));
    m.put("dense", new Ranking(new String[] {"d2", "d1"}, new float[] {0.9f, 0.5f}));
    return Candidates.of(m);
  }

  @Test
  void namesStageFeaturesThenFusionThenText() {
    CorpusStatistics stats = CorpusStatistics.build(CORPUS, TextAnalysis.english());
    LtrFeatures f = new LtrFeatures(List.of("bm25", "dense"),
        new TextFeatures(TextAnalysis.english(), stats, stats::bag));
    assertEquals(List.of("bm25.score", "bm25.minmax", "bm25.zscore", "bm25.rank",
        "dense.score", "dense.minmax", "dense.zscore", "dense.rank", "rrf", "found_by",
        "query_length", "doc_length", "coverage", "idf_coverage", "tf_idf"), f.names());
  }

  @Test
  void rowsCarryScoresRanksAndTextMatches() {
    CorpusStatistics stats = CorpusStatistics.build(CORPUS, TextAnalysis.english());
    LtrFeatures f = new LtrFeatures(List.of("bm25", "dense"),
        new TextFeatures(TextAnalysis.english(), stats, stats::bag));
    Candidates c = candidates();
    // "the" is a stop word; "indexes" stems like "indexing"; "sparse" and "index" are in d1 only.
    TextFeatures.AnalyzedQuery q = f.analyze("the sparse indexes of vectors");
    assertEquals(List.of("spars", "index", "vector"), q.terms());
    float[][] rows = f.rows(c, new int[] {c.indexOf("d1"), c.indexOf("d2"), c.indexOf("d3")}, q);

    float[] d1 = rows[0];
    assertEquals(4f, d1[0]);
    assertEquals(1f, d1[1]);
    assertEquals(1f, d1[3]);
    assertEquals(0.5f, d1[4]);
    assertEquals(2f, d1[7]);
    assertEquals(1f / 61 + 1f / 62, d1[8], 1e-6);
    assertEquals(2f, d1[9]);
    assertEquals(3f, d1[10]);
    assertEquals(6f, d1[11], "Indexing learned sparse vectors with inverted indexes: 6 terms, 'with' is a stop word");
    assertEquals(1f, d1[12]);
    assertEquals(1f, d1[13], 1e-6);

    float[] d2 = rows[1];
    assertTrue(Float.isNaN(d2[0]), "bm25 did not return d2: its raw score is missing");
    assertEquals(0f, d2[1]);
    assertEquals(3f, d2[3], "rank of a document the stage did not return is depth + 1");
    assertEquals(1f / 3, d2[12], 1e-6);
    double idfVector = stats.idf("vector");
    double idfSum = stats.idf("spars") + stats.idf("index") + idfVector;
    assertEquals(idfVector / idfSum, d2[13], 1e-6);
    assertEquals(idfVector * Math.log(2), d2[14], 1e-6);

    assertEquals(0f, rows[2][12], "d3 shares no term");
  }

  @Test
  void unknownDocumentsHaveMissingTextFeatures() {
    CorpusStatistics stats = CorpusStatistics.build(Map.of("d1", "text"), TextAnalysis.english());
    LtrFeatures f = new LtrFeatures(List.of("bm25"), new TextFeatures(TextAnalysis.english(), stats, stats::bag));
    Candidates c = Candidates.of("bm25", new Ranking(new String[] {"zz"}, new float[] {1}));
    float[] row = f.rows(c, new int[] {0}, f.analyze("text"))[0];
    assertEquals(1f, row[6]);
    assertTrue(Float.isNaN(row[7]) && Float.isNaN(row[8]));
  }

  @Test
  void missingStageIsAnError() {
    LtrFeatures f = new LtrFeatures(List.of("splade"), null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.rows(candidates(), new int[] {0}, null));
    assertTrue(e.getMessage().contains("splade"), e.getMessage());
  }

  @Test
  void feedbackFeaturesCompareEachCandidateWithTheTopCandidatesCentroid() {
    // Dense vectors for "dense", none for "bm25"; six candidates so the top five (by RRF) differ from all.
    java.util.Map<String, float[]> dense = java.util.Map.of(
        "d1", new float[] {1, 0}, "d2", new float[] {0, 1}, "d3", new float[] {1, 0},
        "d4", new float[] {1, 0}, "d5", new float[] {0, 1}, "d6", new float[] {0, 1});
    DocumentVectors vectors = new DocumentVectors() {
      @Override
      public float[] dense(String stage, String docId) {
        return stage.equals("dense") ? dense.get(docId) : null;
      }

      @Override
      public lsr.data.SparseVector sparse(String stage, String docId) {
        return null;
      }
    };
    LtrFeatures f = new LtrFeatures(List.of("bm25", "dense"), null, vectors);
    assertEquals(List.of("bm25.score", "bm25.minmax", "bm25.zscore", "bm25.rank",
        "dense.score", "dense.minmax", "dense.zscore", "dense.rank", "rrf", "found_by",
        "bm25.feedback", "dense.feedback"), f.names());
    SequencedMap<String, Ranking> m = new LinkedHashMap<>();
    m.put("bm25", new Ranking(new String[] {"d1", "d2", "d3", "d4", "d5", "d6"}, new float[] {6, 5, 4, 3, 2, 1}));
    m.put("dense", new Ranking(new String[] {"d1", "d2", "d3", "d4", "d5", "d6"}, new float[] {6, 5, 4, 3, 2, 1}));
    Candidates c = Candidates.of(m);
    float[][] rows = f.rows(c, new int[] {0, 1, 5}, null);
    // Top five d1..d5: centroid (3/5, 2/5); d1 . centroid = 0.6, d2 and d6 = 0.4.
    assertEquals(0.6f, rows[0][11], 1e-6);
    assertEquals(0.4f, rows[1][11], 1e-6);
    assertEquals(0.4f, rows[2][11], 1e-6);
    assertTrue(Float.isNaN(rows[0][10]), "bm25 keeps no vectors");
  }
}
