package lsr.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lsr.data.ErrorPolicy;
import lsr.data.SparseVector;
import lsr.data.VectorJsonlReader;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import lsr.index.VectorCollection;
import lsr.index.bench.BenchGrid;
import lsr.index.bench.BenchReport;
import lsr.index.bench.BenchResult;
import lsr.index.bench.BenchRunner;
import lsr.index.bench.RecallLatencyPlot;
import lsr.index.seismic.SearchParams;
import lsr.index.simd.KernelProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsr bench}: recall and speed of Seismic, exact search and Lucene impact search. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Builds every method over the same vectors and measures each the same way: "
        + "recall@k against exact search, mean / p50 / p99 single-thread latency, queries per second "
        + "over all threads, build seconds, index bytes and peak heap. Prints a table, writes the "
        + "JSON report and an SVG of the recall-latency curves. Without --grid, Seismic is built once "
        + "with the build options below and searched with query cuts 3, 5, 10 crossed with heap "
        + "factors 0.7, 0.8, 0.9, plus the --query-cut / --heap-factor point.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "1:failed (unreadable input, I/O error)", "2:usage error"})
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--docs", required = true, paramLabel = "<file>", description = "Document vectors, JSONL (Anserini or Seismic layout), plain or .gz.")
  Path docs;

  @Option(names = "--queries", required = true, paramLabel = "<file>", description = "Query vectors, JSONL, plain or .gz.")
  Path queries;

  @Option(names = "--k", paramLabel = "<n>", description = "Hits per query (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--grid", paramLabel = "<yaml>", description = "Methods and Seismic parameter grid (see the README).")
  Path grid;

  @Option(names = "--json", paramLabel = "<file>", description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path json = Path.of("bench.json");

  @Option(names = "--plot", paramLabel = "<file>", description = "Recall-latency SVG (default: the JSON path with .svg).")
  Path plot;

  @Option(names = "--max-queries", paramLabel = "<n>", description = "Use only the first n queries (default: all).")
  int maxQueries = Integer.MAX_VALUE;

  @Option(names = "--threads", paramLabel = "<n>", description = "Threads for building and for the QPS passes (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--work-dir", paramLabel = "<folder>", description = "Where indexes are built and then deleted (default: a temporary folder).")
  Path workDir;

  @Option(names = "--quiet", description = "Print only the table.")
  boolean quiet;

  @Mixin SeismicBuildOptions build;

  @Mixin SeismicSearchOptions search;

  @Override
  public Integer call() throws IOException {
    if (k < 1 || threads < 1 || maxQueries < 1) {
      throw new UsageException("--k, --threads and --max-queries must be >= 1");
    }
    BenchGrid benchGrid;
    try {
      benchGrid = grid != null ? BenchGrid.read(grid) : defaultGrid();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    long start = System.nanoTime();
    Vocabulary vocabulary = Vocabulary.bertBaseUncased();
    VectorCollection collection = readDocuments(vocabulary);
    List<SparseVector> queryVectors = readQueries(vocabulary);
    Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("lsr-bench");
    Map<String, Object> setup = setup(collection, queryVectors.size());
    log(String.format(Locale.ROOT, "read %,d documents (%,d entries) and %,d queries in %.1f s",
        collection.size(), collection.entries(), queryVectors.size(), (System.nanoTime() - start) / 1e9));
    List<BenchResult> results = new BenchRunner(collection, queryVectors, k, threads, work, this::log).run(benchGrid);
    setup.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    BenchReport report = new BenchReport(setup, results);
    report.writeJson(json);
    Path svg = plot != null ? plot : json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".svg");
    RecallLatencyPlot.write(results, k, svg);
    spec.commandLine().getOut().print(report.table());
    spec.commandLine().getOut().flush();
    log("wrote " + json + " and " + svg);
    if (workDir == null) {
      Files.deleteIfExists(work);
    }
    return 0;
  }

  private BenchGrid defaultGrid() {
    BenchGrid sweep = BenchGrid.defaults();
    List<SearchParams> searches = new ArrayList<>(sweep.searches());
    SearchParams asked = search.toParams();
    if (!searches.contains(asked)) {
      searches.add(asked);
    }
    return new BenchGrid(sweep.methods(), List.of(build.toConfig()), searches);
  }

  private VectorCollection readDocuments(Vocabulary vocabulary) throws IOException {
    VectorCollection.Builder b = VectorCollection.builder();
    try (VectorJsonlReader reader = VectorJsonlReader.open(docs, vocabulary, ErrorPolicy.strict())) {
      for (VectorRecord r : reader) {
        b.add(r.id(), r.vector());
        if (b.size() % 1_000_000 == 0) {
          log(String.format(Locale.ROOT, "read %,d documents", b.size()));
        }
      }
    }
    return b.build();
  }

  private List<SparseVector> readQueries(Vocabulary vocabulary) throws IOException {
    List<SparseVector> out = new ArrayList<>();
    try (VectorJsonlReader reader = VectorJsonlReader.open(queries, vocabulary, ErrorPolicy.strict())) {
      for (VectorRecord r : reader) {
        if (out.size() == maxQueries) {
          break;
        }
        out.add(r.vector());
      }
    }
    return out;
  }

  private Map<String, Object> setup(VectorCollection collection, int queryCount) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("docs", docs.toString());
    s.put("queries", queries.toString());
    s.put("documents", collection.size());
    s.put("entries", collection.entries());
    s.put("queryCount", queryCount);
    s.put("k", k);
    s.put("threads", threads);
    s.put("kernels", KernelProvider.newKernels().name());
    s.put("java", Runtime.version().toString());
    s.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    s.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    s.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return s;
  }

  private void log(String line) {
    if (!quiet) {
      spec.commandLine().getErr().println(line);
      spec.commandLine().getErr().flush();
    }
  }
}
