package lsr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import lsr.data.Qrels;
import lsr.data.Run;
import lsr.data.ScoredDoc;
import org.junit.jupiter.api.Test;

/** Each measure against values computed by hand from trec_eval's definitions. */
class MetricTest {

  private static final double EPS = 1e-12;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);
  private static final double LOG2_5 = Math.log(5) / Math.log(2);

  /** Judged d1=2, d2=1, d3=0, d4=3; ranked d3, d1, d5 (unjudged), d2; d4 not retrieved. */
  private static JudgedRanking graded() {
    return JudgedRanking.of(
        List.of(new ScoredDoc("d3", 5), new ScoredDoc("d1", 4), new ScoredDoc("d5", 3), new ScoredDoc("d2", 2)),
        Map.of("d1", 2, "d2", 1, "d3", 0, "d4", 3));
  }

  @Test
  void ndcgUsesGradedGainsAndTheIdealOfAllJudgedRelevantDocuments() {
    // DCG = 2/log2(3) + 1/log2(5); ideal = 3/log2(2) + 2/log2(3) + 1/log2(4)
    double expected = (2 / LOG2_3 + 1 / LOG2_5) / (3 + 2 / LOG2_3 + 0.5);
    assertEquals(expected, Metric.ndcgCut(10).score(graded()), EPS);
    assertEquals(0.35543595158098623, Metric.ndcgCut(10).score(graded()), 1e-12);
    // At 2: DCG = 2/log2(3); ideal = 3 + 2/log2(3)
    assertEquals((2 / LOG2_3) / (3 + 2 / LOG2_3), Metric.ndcgCut(2).score(graded()), EPS);
    assertEquals(0, Metric.ndcgCut(1).score(graded()), EPS);
  }

  @Test
  void precisionCountsMissingRanksAsNonRelevant() {
    assertEquals(0.2, Metric.precision(10).score(graded()), EPS);
    assertEquals(0.5, Metric.precision(2).score(graded()), EPS);
    assertEquals(0.0, Metric.precision(1).score(graded()), EPS);
  }

  @Test
  void recallDividesByAllRelevantDocuments() {
    assertEquals(1.0 / 3, Metric.recall(2).score(graded()), EPS);
    assertEquals(2.0 / 3, Metric.recall(100).score(graded()), EPS);
  }

  @Test
  void averagePrecisionDividesByAllRelevantDocuments() {
    assertEquals((1.0 / 2 + 2.0 / 4) / 3, Metric.map().score(graded()), EPS);
  }

  @Test
  void reciprocalRankStopsAtItsDepth() {
    assertEquals(0.5, Metric.recipRank(10).score(graded()), EPS);
    assertEquals(0.0, Metric.recipRank(1).score(graded()), EPS);
    List<ScoredDoc> eleven = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(new ScoredDoc("n" + i, 100 - i));
    }
    JudgedRanking late = JudgedRanking.of(eleven, Map.of("n10", 1));
    assertEquals(0.0, Metric.recipRank(10).score(late), EPS);
    assertEquals(1.0 / 11, Metric.recipRank(Metric.UNBOUNDED).score(late), EPS);
  }

  @Test
  void tiesAreBrokenByDocumentIdDescendingAsTrecEvalDoes() {
    // c first by score; a and b tie: trec_eval puts b before a, so a is third.
    JudgedRanking r = JudgedRanking.of(
        List.of(new ScoredDoc("a", 1.0), new ScoredDoc("b", 1.0), new ScoredDoc("c", 2.0)), Map.of("a", 1));
    assertEquals(1.0 / 3, Metric.recipRank(10).score(r), EPS);
    // Byte order, not numeric: "9" > "10", so "9" comes first among equal scores.
    JudgedRanking numeric = JudgedRanking.of(
        List.of(new ScoredDoc("10", 1.0), new ScoredDoc("9", 1.0)), Map.of("10", 1));
    assertEquals(0.5, Metric.recipRank(10).score(numeric), EPS);
    assertEquals(1.0 / (Math.log(3) / Math.log(2)), Metric.ndcgCut(10).score(numeric), EPS);
  }

  @Test
  void emptyRunsAndQueriesWithoutRelevantDocumentsScoreZeroAndCount() {
    Qrels qrels = new Qrels.Builder()
        .add("q1", "d1", 2).add("q1", "d2", 1).add("q1", "d3", 0).add("q1", "d4", 3)
        .add("q2", "x", 1)
        .add("q3", "y", 0).add("q3", "z", -1)
        .build();
    Run run = new Run.Builder()
        .put("q1", List.of(new ScoredDoc("d3", 5), new ScoredDoc("d1", 4), new ScoredDoc("d5", 3), new ScoredDoc("d2", 2)))
        .put("q3", List.of(new ScoredDoc("y", 1), new ScoredDoc("z", 0.5)))
        .put("unjudged", List.of(new ScoredDoc("x", 1)))
        .build();
    Evaluation e = Evaluator.evaluate(qrels, run, Metric.STANDARD);
    assertEquals(List.of("q1", "q2", "q3"), e.queryIds(), "judged queries only, the unanswered q2 included");
    for (Metric m : Metric.STANDARD) {
      assertEquals(0.0, e.value("q2", m), EPS, m.label());
      assertEquals(0.0, e.value("q3", m), EPS, m.label());
    }
    assertEquals(0.35543595158098623 / 3, e.mean(Metric.ndcgCut(10)), EPS);
    assertEquals((1.0 / 3) / 3, e.mean(Metric.map()), EPS);
    assertEquals(0.5 / 3, e.means().get("recip_rank"), EPS);
    assertEquals(List.of("ndcg_cut_10", "recall_100", "recall_1000", "map", "recip_rank", "P_10"),
        List.copyOf(e.means().keySet()));
  }

  @Test
  void namesFollowTrecEval() {
    assertEquals(Metric.ndcgCut(10), Metric.parse("ndcg_cut_10"));
    assertEquals(Metric.precision(5), Metric.parse("P_5"));
    assertEquals(Metric.recall(1000), Metric.parse("recall_1000"));
    assertEquals(Metric.map(), Metric.parse("map"));
    assertEquals(Metric.recipRank(Metric.UNBOUNDED), Metric.parse("recip_rank"));
    assertEquals("recip_rank@10", Metric.recipRank(10).label());
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("ndcg@10"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("P_0"));
    assertThrows(IllegalArgumentException.class,
        () -> Evaluator.evaluate(new Qrels.Builder().build(), new Run.Builder().build(),
            List.of(Metric.recipRank(10), Metric.recipRank(Metric.UNBOUNDED))));
  }
}
