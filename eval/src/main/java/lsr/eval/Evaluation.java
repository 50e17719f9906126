package lsr.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a run: each measure for each evaluated query, and their means. Per-query
 * values are kept for significance tests and error analysis.
 */
public final class Evaluation {

  private final List<Metric> metrics;
  private final Map<String, double[]> perQuery;

  Evaluation(List<Metric> metrics, Map<String, double[]> perQuery) {
    this.metrics = List.copyOf(metrics);
    this.perQuery = Collections.unmodifiableMap(new LinkedHashMap<>(perQuery));
  }

  public List<Metric> metrics() {
    return metrics;
  }

  /** The evaluated (judged) queries, in qrels order. */
  public List<String> queryIds() {
    return List.copyOf(perQuery.keySet());
  }

  /** Number of evaluated queries. */
  public int queryCount() {
    return perQuery.size();
  }

  /** The value of {@code metric} for {@code queryId}. */
  public double value(String queryId, Metric metric) {
    double[] values = perQuery.get(queryId);
    if (values == null) {
      throw new IllegalArgumentException("query " + queryId + " was not evaluated");
    }
    return values[index(metric)];
  }

  /** The mean of {@code metric} over the evaluated queries (0 when there are none). */
  public double mean(Metric metric) {
    int m = index(metric);
    double sum = 0;
    for (double[] values : perQuery.values()) {
      sum += values[m];
    }
    return perQuery.isEmpty() ? 0 : sum / perQuery.size();
  }

  /** Every measure's mean by trec_eval name, in the order of {@link #metrics()}. */
  public Map<String, Double> means() {
    Map<String, Double> means = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      means.put(metric.name(), mean(metric));
    }
    return means;
  }

  private int index(Metric metric) {
    int i = metrics.indexOf(metric);
    if (i < 0) {
      throw new IllegalArgumentException(metric.label() + " was not computed; computed: "
          + metrics.stream().map(Metric::label).toList());
    }
    return i;
  }
}
