package lsr.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.Qrels;
import lsr.data.Run;

/**
 * Evaluates a run against qrels as {@code trec_eval -c} does: every query of the qrels is evaluated
 * (a query the run does not answer scores 0 on every measure), queries of the run that have no
 * judgments are ignored, and means are taken over the qrels' queries, including those whose
 * judgments hold no relevant document (they score 0).
 */
public final class Evaluator {

  private Evaluator() {}

  /** Evaluates {@code run} on every query of {@code qrels}. */
  public static Evaluation evaluate(Qrels qrels, Run run, List<Metric> metrics) {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("no measure to compute");
    }
    if (metrics.stream().map(Metric::name).distinct().count() != metrics.size()) {
      throw new IllegalArgumentException("two measures share a name: "
          + metrics.stream().map(Metric::label).toList());
    }
    Map<String, double[]> perQuery = new LinkedHashMap<>();
    for (String queryId : qrels.queryIds()) {
      JudgedRanking ranking = JudgedRanking.of(run.results(queryId), qrels.judgments(queryId));
      double[] values = new double[metrics.size()];
      for (int m = 0; m < values.length; m++) {
        values[m] = metrics.get(m).score(ranking);
      }
      perQuery.put(queryId, values);
    }
    return new Evaluation(metrics, perQuery);
  }
}
