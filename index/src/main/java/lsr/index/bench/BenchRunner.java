package lsr.index.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SparseIndex;
import lsr.index.SparseSearcher;
import lsr.index.VectorCollection;
import lsr.index.exact.ExactIndex;
import lsr.index.lucene.LuceneImpactIndex;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicIndexBuilder;
import lsr.index.seismic.SeismicSearcher;
import lsr.index.simd.KernelProvider;

/**
 * Builds every method of a {@link BenchGrid} over one collection and measures it the same way:
 * one untimed pass over the queries to warm up, one timed single-thread pass (per-query latency,
 * recall@k against exact search), then passes with one searcher per thread for throughput.
 * Exact search runs first: its answers are the ground truth.
 */
public final class BenchRunner {

  /** Throughput passes repeat until at least this long, so fast methods are timed over many queries. */
  private static final long MIN_THROUGHPUT_NANOS = 2_000_000_000L;

  private final VectorCollection docs;
  private final List<SparseVector> queries;
  private final int k;
  private final int threads;
  private final Path workDir;
  private final Consumer<String> log;
  private List<Hits> truth;

  /**
   * @param workDir where indexes are built (a folder per index; removed afterwards)
   * @param log progress lines, for the command to show
   */
  public BenchRunner(VectorCollection docs, List<SparseVector> queries, int k, int threads, Path workDir, Consumer<String> log) {
    this.docs = docs;
    this.queries = queries;
    this.k = k;
    this.threads = threads;
    this.workDir = workDir;
    this.log = log;
  }

  public List<BenchResult> run(BenchGrid grid) throws IOException {
    List<BenchResult> results = new ArrayList<>();
    results.add(exact());
    if (grid.methods().contains("seismic")) {
      for (SeismicConfig config : grid.builds()) {
        results.addAll(seismic(config, grid.searches()));
      }
    }
    if (grid.methods().contains("lucene-impact")) {
      results.add(lucene());
    }
    return results;
  }

  private BenchResult exact() {
    log.accept("exact: building the in-memory inverted index");
    resetPeakHeap();
    long start = System.nanoTime();
    try (ExactIndex index = ExactIndex.build(docs)) {
      double buildSeconds = seconds(start);
      SparseSearcher s = index.newSearcher();
      truth = new ArrayList<>();
      for (SparseVector q : queries) {
        truth.add(s.search(q, k));
      }
      return measure("exact", Map.of(), index, s::search, (searcher, q) -> searcher.search(q, k), buildSeconds);
    }
  }

  private List<BenchResult> seismic(SeismicConfig config, List<SearchParams> searches) throws IOException {
    log.accept("seismic: building with " + config.toMap());
    resetPeakHeap();
    Path folder = workDir.resolve("seismic-" + System.nanoTime());
    long start = System.nanoTime();
    List<BenchResult> rows = new ArrayList<>();
    try (SeismicIndex index = SeismicIndexBuilder.build(folder, docs, config, threads)) {
      double buildSeconds = seconds(start);
      log.accept(String.format("seismic: built in %.1f s, %,d bytes; %s postings, %s blocks", buildSeconds,
          index.sizeInBytes(), index.meta().get("postings"), index.meta().get("blocks")));
      for (SearchParams p : searches) {
        Map<String, Object> params = new LinkedHashMap<>(config.toMap());
        params.putAll(p.toMap());
        params.put("kernels", KernelProvider.newKernels().name());
        SeismicSearcher one = index.newSearcher(p);
        rows.add(measure("seismic", params, index, (q, kk) -> one.search(q, kk, p, DocMask.ALL),
            (searcher, q) -> ((SeismicSearcher) searcher).search(q, k, p, DocMask.ALL), buildSeconds));
      }
    } finally {
      deleteFolder(folder);
    }
    return rows;
  }

  private BenchResult lucene() throws IOException {
    log.accept("lucene-impact: indexing FeatureFields and merging to one segment");
    resetPeakHeap();
    Path folder = workDir.resolve("lucene-" + System.nanoTime());
    long start = System.nanoTime();
    try (LuceneImpactIndex index = LuceneImpactIndex.build(docs, folder)) {
      double buildSeconds = seconds(start);
      SparseSearcher s = index.newSearcher();
      return measure("lucene-impact", Map.of("field", "FeatureField linear", "segments", 1), index, s::search,
          (searcher, q) -> searcher.search(q, k), buildSeconds);
    } finally {
      deleteFolder(folder);
    }
  }

  /** How one query is searched from the measuring thread. */
  private interface SingleSearch {
    Hits search(SparseVector query, int k);
  }

  private BenchResult measure(
      String method,
      Map<String, Object> params,
      SparseIndex index,
      SingleSearch single,
      java.util.function.BiFunction<SparseSearcher, SparseVector, Hits> parallel,
      double buildSeconds) {
    for (SparseVector q : queries) {
      single.search(q, k);
    }
    long[] nanos = new long[queries.size()];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuNanos = 0;
    double recallSum = 0;
    long docsScored = 0;
    int judged = 0;
    for (int i = 0; i < queries.size(); i++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Hits h = single.search(queries.get(i), k);
      nanos[i] = System.nanoTime() - t0;
      cpuNanos += cpu.getCurrentThreadCpuTime() - c0;
      docsScored += h.cost().docsScored();
      if (truth.get(i).size() > 0) {
        recallSum += recall(truth.get(i), h);
        judged++;
      }
    }
    long searched = 0;
    long t0 = System.nanoTime();
    do {
      index.searchAll(queries, threads, parallel);
      searched += queries.size();
    } while (System.nanoTime() - t0 < MIN_THROUGHPUT_NANOS);
    double qps = searched / seconds(t0);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
    BenchResult r = new BenchResult(method, params, judged == 0 ? 1.0 : recallSum / judged, mean,
        percentile(sorted, 0.50) / 1000, percentile(sorted, 0.99) / 1000, qps, buildSeconds, index.sizeInBytes(), peakHeap(),
        docsScored / (double) Math.max(1, queries.size()), cpuNanos / 1000.0 / Math.max(1, queries.size()));
    log.accept(String.format("%s %s: recall %.4f, mean %.1f us (processor %.1f us), p99 %.1f us, %.0f QPS, %.0f documents scored per query",
        method, params, r.recall(), r.meanUs(), r.meanCpuUs(), r.p99Us(), r.qps(), r.meanDocsScored()));
    return r;
  }

  static double recall(Hits truth, Hits found) {
    int hit = 0;
    for (int d : truth.docs()) {
      for (int f : found.docs()) {
        if (f == d) {
          hit++;
          break;
        }
      }
    }
    return hit / (double) truth.size();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var files = Files.walk(folder)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
