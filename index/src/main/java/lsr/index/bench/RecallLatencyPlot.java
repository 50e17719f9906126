package lsr.index.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws recall@k against mean single-thread latency (log scale) as an SVG: one curve per Seismic
 * build and query cut (its points are the heap factors), one marker per other method.
 */
public final class RecallLatencyPlot {

  private static final int WIDTH = 820;
  private static final int HEIGHT = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 220;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

  private RecallLatencyPlot() {}

  public static void write(List<BenchResult> results, int k, Path file) throws IOException {
    Files.writeString(file, svg(results, k));
  }

  static String svg(List<BenchResult> results, int k) {
    Map<String, List<BenchResult>> series = new LinkedHashMap<>();
    for (BenchResult r : results) {
      String name = r.method().equals("seismic")
          ? "seismic np=" + r.params().get("nPostings") + " cut=" + r.params().get("queryCut")
          : r.method();
      series.computeIfAbsent(name, n -> new ArrayList<>()).add(r);
    }
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = 1;
    for (BenchResult r : results) {
      minX = Math.min(minX, Math.max(r.meanUs(), 1));
      maxX = Math.max(maxX, Math.max(r.meanUs(), 1));
      minY = Math.min(minY, r.recall());
    }
    double logMin = Math.floor(Math.log10(minX));
    double logMax = Math.max(logMin + 1, Math.ceil(Math.log10(maxX)));
    double yMin = Math.max(0, Math.floor(minY * 10) / 10 - 0.05);
    Axis axis = new Axis(logMin, logMax, yMin);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">Recall@%d against mean single-thread latency</text>%n", LEFT, k));
    for (double e = logMin; e <= logMax; e++) {
      double x = axis.x(Math.pow(10, e));
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, HEIGHT - BOTTOM + 18, label(Math.pow(10, e))));
    }
    for (double y = Math.ceil(yMin * 20) / 20; y <= 1.0001; y += 0.05) {
      double py = axis.y(y);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, WIDTH - RIGHT, py));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6, py + 4, y));
    }
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">mean latency (microseconds, log scale)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 15));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">recall@%d</text>%n", (TOP + HEIGHT - BOTTOM) / 2, k));
    int i = 0;
    int legendY = TOP + 10;
    for (Map.Entry<String, List<BenchResult>> e : series.entrySet()) {
      String color = e.getKey().equals("exact") ? "#000000" : e.getKey().equals("lucene-impact") ? "#d62728" : COLORS[i++ % COLORS.length];
      List<BenchResult> points = new ArrayList<>(e.getValue());
      points.sort(Comparator.comparingDouble(BenchResult::meanUs));
      if (points.size() > 1) {
        StringBuilder path = new StringBuilder();
        for (BenchResult r : points) {
          path.append(String.format(Locale.ROOT, "%.1f,%.1f ", axis.x(r.meanUs()), axis.y(r.recall())));
        }
        s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path.toString().trim(), color));
      }
      for (BenchResult r : points) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s %s: recall %.4f, %.1f us</title></circle>%n",
            axis.x(r.meanUs()), axis.y(r.recall()), color, r.method(), r.params(), r.recall(), r.meanUs()));
      }
      s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
          WIDTH - RIGHT + 15, legendY, color, WIDTH - RIGHT + 25, legendY + 4, escape(e.getKey())));
      legendY += 18;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private record Axis(double logMin, double logMax, double yMin) {
    double x(double us) {
      double f = (Math.log10(Math.max(us, 1)) - logMin) / (logMax - logMin);
      return LEFT + f * (WIDTH - LEFT - RIGHT);
    }

    double y(double recall) {
      double f = (recall - yMin) / (1.0 - yMin);
      return HEIGHT - BOTTOM - f * (HEIGHT - TOP - BOTTOM);
    }
  }

  private static String label(double us) {
    return us >= 1000 ? String.format(Locale.ROOT, "%.0f ms", us / 1000) : String.format(Locale.ROOT, "%.0f us", us);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }
}
