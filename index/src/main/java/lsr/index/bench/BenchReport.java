package lsr.index.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one {@code lsr bench} run: JSON report, text table. */
public record BenchReport(Map<String, Object> setup, List<BenchResult> results) {

  /**
   * Writes {@code {"setup": {...}, "results": [{"method", "params", "recall", "meanUs", "p50Us",
   * "p99Us", "qps", "buildSeconds", "indexBytes", "peakHeapBytes", "meanDocsScored", "meanCpuUs"}, ...]}}
   * (camelCase, as all of lsr's JSON; reports written before that spelled these keys in snake_case:
   * {@code mean_us}, {@code build_s}, ...).
   */
  public void writeJson(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("setup", setup);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BenchResult r : results) {
      rows.add(r.toJson());
    }
    root.put("results", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  /** A fixed-width table, one row per result. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-14s %-28s %8s %10s %10s %10s %10s %9s %12s %10s %9s%n",
        "method", "params", "recall", "meanUs", "meanCpuUs", "p50Us", "p99Us", "qps", "buildSeconds", "indexMB",
        "heapMB"));
    for (BenchResult r : results) {
      sb.append(String.format(Locale.ROOT, "%-14s %-28s %8.4f %10.1f %10.1f %10.1f %10.1f %9.0f %12.1f %10.1f %9.0f%n",
          r.method(), shortParams(r), r.recall(), r.meanUs(), r.meanCpuUs(), r.p50Us(), r.p99Us(), r.qps(), r.buildSeconds(),
          r.indexBytes() / 1e6, r.peakHeapBytes() / 1e6));
    }
    return sb.toString();
  }

  /** The knobs that tell rows of one method apart: the search ones for Seismic. */
  static String shortParams(BenchResult r) {
    if (!r.method().equals("seismic")) {
      return "";
    }
    return "cut=" + r.params().get("queryCut") + " hf=" + r.params().get("heapFactor") + " np=" + r.params().get("nPostings");
  }
}
