package lsr.index.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an {@code lsr bench} report: one method at one parameter setting.
 *
 * @param method "exact", "seismic" or "lucene-impact"
 * @param params the setting (build and search knobs by their Java/JSON names)
 * @param recall mean recall@k against exact search over queries with at least one exact hit
 * @param meanUs mean single-thread latency in microseconds
 * @param p50Us median single-thread latency
 * @param p99Us 99th percentile single-thread latency
 * @param qps queries per second with one searcher on each of the bench's threads
 * @param buildSeconds seconds to build the index
 * @param indexBytes bytes of the index on disk (in memory for exact search)
 * @param peakHeapBytes the JVM's peak heap use while building and searching this index
 * @param meanDocsScored documents scored exactly per query, on average (from {@code Hits.cost()})
 * @param meanCpuUs mean processor time of the measuring thread per query in microseconds: what
 *     {@code meanUs} would be on an idle machine, since on a shared one the wall clock also counts
 *     the time other processes hold the cores
 */
public record BenchResult(
    String method,
    Map<String, Object> params,
    double recall,
    double meanUs,
    double p50Us,
    double p99Us,
    double qps,
    double buildSeconds,
    long indexBytes,
    long peakHeapBytes,
    double meanDocsScored,
    double meanCpuUs) {

  /** The JSON object: the record's component names are the report's keys. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("params", params);
    m.put("recall", recall);
    m.put("meanUs", meanUs);
    m.put("p50Us", p50Us);
    m.put("p99Us", p99Us);
    m.put("qps", qps);
    m.put("buildSeconds", buildSeconds);
    m.put("indexBytes", indexBytes);
    m.put("peakHeapBytes", peakHeapBytes);
    m.put("meanDocsScored", meanDocsScored);
    m.put("meanCpuUs", meanCpuUs);
    return m;
  }
}
