package lsr.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Formats evaluation reports as a plain-text table, one row per report, one column per measure. */
public final class EvalTable {

  private EvalTable() {}

  /**
   * The table of {@code reports} for {@code metrics} (columns labelled as {@link Metric#label()};
   * values with 4 decimals).
   */
  public static String format(List<EvalReport> reports, List<Metric> metrics) {
    return format(reports, metrics, Map.of());
  }

  /**
   * The table with significance markers after the values: {@code markers} maps a retriever to its
   * marker per measure name (see {@link Significance}).
   */
  public static String format(List<EvalReport> reports, List<Metric> metrics, Map<String, Map<String, String>> markers) {
    List<String> header = new ArrayList<>(List.of("dataset", "retriever", "queries"));
    metrics.forEach(m -> header.add(m.label()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (EvalReport r : reports) {
      List<String> row = new ArrayList<>(List.of(r.dataset(), r.retriever(), Integer.toString(r.queries())));
      for (Metric m : metrics) {
        Double v = r.metrics().get(m.name());
        String mark = markers.getOrDefault(r.retriever(), Map.of()).getOrDefault(m.name(), "");
        // With markers, every value gets a one-character slot so the columns stay aligned.
        String slot = markers.isEmpty() ? "" : mark.isEmpty() ? " " : mark;
        row.add(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v) + slot);
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        // Text columns left-aligned, numbers right-aligned.
        String padded = c < 2 ? String.format("%-" + widths[c] + "s", cell) : String.format("%" + widths[c] + "s", cell);
        sb.append(c == 0 ? "" : "  ").append(padded);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
