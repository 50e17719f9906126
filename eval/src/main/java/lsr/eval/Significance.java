package lsr.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a system differs from a baseline on each measure, by a paired two-sided t-test over the
 * queries both were evaluated on.
 */
public final class Significance {

  /** The significance level the markers use. */
  public static final double ALPHA = 0.05;

  /** Marks a mean significantly above the baseline's. */
  public static final String BETTER = "+";
  /** Marks a mean significantly below the baseline's. */
  public static final String WORSE = "-";

  /** One measure's comparison: the difference of means and its p-value. */
  public record Comparison(double delta, double pValue) {

    /** {@link #BETTER}, {@link #WORSE}, or "" when not significant at {@link #ALPHA}. */
    public String marker() {
      return pValue >= ALPHA ? "" : delta > 0 ? BETTER : WORSE;
    }
  }

  private Significance() {}

  /**
   * {@code system} against {@code baseline}, measure by measure.
   *
   * @throws IllegalArgumentException when the two were not evaluated on the same queries
   */
  public static Map<String, Comparison> versus(Evaluation baseline, Evaluation system, List<Metric> metrics) {
    List<String> queries = baseline.queryIds();
    if (!queries.equals(system.queryIds())) {
      throw new IllegalArgumentException("the two runs were evaluated on different queries");
    }
    Map<String, Comparison> out = new LinkedHashMap<>();
    for (Metric m : metrics) {
      double[] a = new double[queries.size()];
      double[] b = new double[queries.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = system.value(queries.get(i), m);
        b[i] = baseline.value(queries.get(i), m);
      }
      out.put(m.name(), new Comparison(system.mean(m) - baseline.mean(m), PairedTTest.pValue(a, b)));
    }
    return out;
  }
}
