package lsr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lsr.data.ErrorPolicy;
import lsr.data.Qrels;
import lsr.data.Run;
import org.junit.jupiter.api.Test;

/**
 * A small run full of tied scores, graded and negative judgments, a judged query that the run does
 * not answer, queries without relevant documents and an unjudged query, evaluated by lsr and by
 * trec_eval 9.0.8. The expected means are trec_eval's output for
 * {@code trec_eval -c -m ndcg_cut.5,10 -m recall.5,100 -m map -m P.5,10 -m recip_rank} and, for
 * recip_rank at depth 10, {@code trec_eval -c -M 10 -m recip_rank} (4 decimals, as it prints them).
 */
class TrecEvalAgreementTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TrecEvalAgreementTest.class.getResource(name).toURI());
  }

  @Test
  void meansEqualTrecEvals() throws IOException, URISyntaxException {
    Qrels qrels = Qrels.readTrec(resource("ties.qrels"), ErrorPolicy.strict());
    Run run = Run.readTrec(resource("ties.run"), ErrorPolicy.strict());
    Map<Metric, Double> trecEval = Map.of(
        Metric.map(), 0.0973,
        Metric.recipRank(Metric.UNBOUNDED), 0.2250,
        Metric.precision(5), 0.1200,
        Metric.precision(10), 0.1000,
        Metric.recall(5), 0.1442,
        Metric.recall(100), 0.2842,
        Metric.ndcgCut(5), 0.1109,
        Metric.ndcgCut(10), 0.1516);
    Evaluation e = Evaluator.evaluate(qrels, run, List.copyOf(trecEval.keySet()));
    assertEquals(20, e.queryCount(), "trec_eval -c num_q");
    trecEval.forEach((metric, expected) -> assertEquals(expected, e.mean(metric), 5e-5, metric.label()));
    assertEquals(0.2250, Evaluator.evaluate(qrels, run, List.of(Metric.recipRank(10))).mean(Metric.recipRank(10)), 5e-5);
  }
}
