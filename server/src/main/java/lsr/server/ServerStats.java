package lsr.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters since start: requests by status class, and search latency per collection and pipeline as a log-scaled
 * histogram (buckets 5 % apart from 10 µs to about 100 s), so percentiles cost constant memory and
 * no lock. Thread-safe.
 */
final class ServerStats {

  private static final double GROWTH = 1.05;
  private static final double FIRST_MICROS = 10;
  private static final int BUCKETS = 330;

  private final long startedMillis = System.currentTimeMillis();
  private final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
  /** By collection, then pipeline. */
  private final Map<String, Map<String, Histogram>> searchLatency = new ConcurrentHashMap<>();

  void recordRequest(int status) {
    byStatus.computeIfAbsent(status / 100 + "xx", s -> new AtomicLong()).incrementAndGet();
  }

  void recordSearch(String collection, String pipeline, double millis) {
    searchLatency.computeIfAbsent(collection, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(pipeline, p -> new Histogram()).record(millis * 1000);
  }

  /** The counters as the stats endpoint shows them. */
  Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uptimeSeconds", (System.currentTimeMillis() - startedMillis) / 1000);
    Map<String, Long> statuses = new TreeMap<>();
    byStatus.forEach((k, v) -> statuses.put(k, v.get()));
    out.put("requests", statuses);
    Map<String, Object> searches = new TreeMap<>();
    searchLatency.forEach((collection, pipelines) -> {
      Map<String, Object> byPipeline = new TreeMap<>();
      pipelines.forEach((pipeline, h) -> byPipeline.put(pipeline, h.summary()));
      searches.put(collection, byPipeline);
    });
    out.put("searches", searches);
    return out;
  }

  private static final class Histogram {
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sumMicros = new AtomicLong();

    void record(double micros) {
      int bucket = micros <= FIRST_MICROS ? 0
          : Math.min(BUCKETS - 1, (int) Math.ceil(Math.log(micros / FIRST_MICROS) / Math.log(GROWTH)));
      counts.incrementAndGet(bucket);
      total.incrementAndGet();
      sumMicros.addAndGet((long) micros);
    }

    /** The upper bound of the bucket that holds the p-th percentile, in milliseconds. */
    double percentileMillis(double p, long n) {
      long rank = (long) Math.ceil(p / 100 * n);
      long seen = 0;
      for (int b = 0; b < BUCKETS; b++) {
        seen += counts.get(b);
        if (seen >= rank) {
          return FIRST_MICROS * Math.pow(GROWTH, b) / 1000;
        }
      }
      return FIRST_MICROS * Math.pow(GROWTH, BUCKETS - 1) / 1000;
    }

    Map<String, Object> summary() {
      long n = total.get();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", n);
      if (n > 0) {
        m.put("meanMs", round(sumMicros.get() / 1000.0 / n));
        m.put("p50Ms", round(percentileMillis(50, n)));
        m.put("p95Ms", round(percentileMillis(95, n)));
        m.put("p99Ms", round(percentileMillis(99, n)));
      }
      return m;
    }

    private static double round(double x) {
      return Math.round(x * 1000) / 1000.0;
    }
  }
}
