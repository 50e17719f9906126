package lsr.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.SparseVector;
import lsr.data.VectorJsonlReader;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import lsr.index.Hits;
import lsr.index.SparseSearcher;
import lsr.index.VectorCollection;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;
import lsr.index.collection.Snapshot;
import lsr.index.collection.SnapshotSearch;
import lsr.index.exact.ExactIndex;
import lsr.index.seismic.SearchParams;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.CollectionService;
import lsr.server.LsrServer;
import lsr.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lsr bench-collection}: what segments cost a search, and how fast a server takes documents.
 * Writes a JSON report; a benchmark, not a test.
 */
@Command(
    name = "bench-collection",
    mixinStandardHelpOptions = true,
    description = {
        "Measures a collection of the given vectors two ways and writes a JSON report:",
        "segments: the documents written as --segments segments, and as one segment (what merging them gives);"
            + " for each, recall@k of the sparse search against exact search and its single-thread latency (mean,"
            + " p50, p99), measured in alternating rounds (the median round is reported);",
        "writes: an lsr server on 127.0.0.1 (a collection with BM25 and a sparse index of the shipped SPLADE model)"
            + " takes the documents with their vectors over REST in batches of --batch; documents per second and"
            + " the latency of each batch (encoding is not measured: the vectors come ready)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "1:failed", "2:usage error"})
final class BenchCollectionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--docs", required = true, paramLabel = "<file>", description = "Document vectors, JSONL (lsr gen-sparse writes them).")
  Path docs;

  @Option(names = "--queries", required = true, paramLabel = "<file>", description = "Query vectors, JSONL.")
  Path queries;

  @Option(names = "--max-docs", paramLabel = "<n>", description = "Use only the first n documents (default: all).")
  int maxDocs = Integer.MAX_VALUE;

  @Option(names = "--max-queries", paramLabel = "<n>", description = "Use only the first n queries (default: ${DEFAULT-VALUE}).")
  int maxQueries = 500;

  @Option(names = "--segments", paramLabel = "<n>", description = "Segments before the merge (default: ${DEFAULT-VALUE}).")
  int segments = 10;

  @Option(names = "--k", paramLabel = "<n>", description = "Hits per query (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--batch", paramLabel = "<n>", description = "Documents per REST request (default: ${DEFAULT-VALUE}).")
  int batch = 1000;

  @Option(names = "--rest-docs", paramLabel = "<n>", description = "Documents sent over REST; 0 skips the part (default: ${DEFAULT-VALUE}).")
  int restDocs = 50_000;

  @Option(names = "--rest-base-docs", paramLabel = "<n>",
      description = "Documents the collection holds before the measured writes (sent first, in batches of 10,000,"
          + " not measured), so writes are measured against a collection of that size (default: ${DEFAULT-VALUE}).")
  int restBaseDocs = 0;

  @Option(names = "--threads", paramLabel = "<n>", description = "Threads building segments (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--work-dir", paramLabel = "<folder>", description = "Where the collections are built (default: a temporary folder, deleted after).")
  Path workDir;

  @Option(names = "--json", paramLabel = "<file>", description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path json = Path.of("bench-collection.json");

  @Mixin SeismicBuildOptions build;

  @Mixin SeismicSearchOptions search;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Passes over the queries before each timed one. */
  private static final int WARM_UP_PASSES = 1;
  /** Timed rounds of each collection, alternating. */
  private static final int ROUNDS = 5;

  @Override
  public Integer call() throws Exception {
    if (segments < 1 || k < 1 || batch < 1 || threads < 1 || maxQueries < 1 || restDocs < 0 || restBaseDocs < 0) {
      throw new UsageException("--segments, --k, --batch, --threads and --max-queries must be >= 1, --rest-docs and"
          + " --rest-base-docs >= 0");
    }
    Vocabulary vocabulary = Vocabulary.bertBaseUncased();
    List<VectorRecord> documents = read(docs, vocabulary, maxDocs);
    List<SparseVector> queryVectors = read(queries, vocabulary, maxQueries).stream().map(VectorRecord::vector).toList();
    Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("lsr-bench-collection");
    ObjectNode report = JSON.createObjectNode();
    ObjectNode setup = report.putObject("setup");
    setup.put("docs", docs.toString());
    setup.put("documents", documents.size());
    setup.put("queries", queryVectors.size());
    setup.put("k", k);
    setup.put("java", Runtime.version().toString());
    setup.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    setup.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    setup.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try {
      report.set("segments", segmentsPart(documents, queryVectors, work.resolve("segments")));
      if (restDocs > 0) {
        int base = Math.min(restBaseDocs, documents.size());
        report.set("writes", writesPart(documents.subList(0, base),
            documents.subList(base, Math.min(base + restDocs, documents.size())), work.resolve("data")));
      }
    } finally {
      if (workDir == null) {
        lsr.eval.CorpusStages.discard(work);
      }
    }
    setup.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static List<VectorRecord> read(Path file, Vocabulary vocabulary, int max) throws IOException {
    List<VectorRecord> out = new ArrayList<>();
    try (VectorJsonlReader reader = VectorJsonlReader.open(file, vocabulary, ErrorPolicy.strict())) {
      for (Iterator<VectorRecord> it = reader; it.hasNext() && out.size() < max; ) {
        out.add(it.next());
      }
    }
    return out;
  }

  /** Recall and latency over {@code segments} segments, then over the same documents merged into one. */
  private ObjectNode segmentsPart(List<VectorRecord> documents, List<SparseVector> queryVectors, Path folder)
      throws IOException {
    VectorCollection.Builder all = VectorCollection.builder();
    documents.forEach(d -> all.add(d.id(), d.vector()));
    ExactIndex exact = ExactIndex.build(all.build());
    SparseSearcher exactSearcher = exact.newSearcher();
    List<Hits> truth = new ArrayList<>();
    for (SparseVector q : queryVectors) {
      truth.add(exactSearcher.search(q, k));
    }
    CollectionSettings settings = new CollectionSettings(null,
        List.of(new CollectionSettings.SparseSpec("sparse", null, build.toConfig())), List.of(), Map.of());
    ObjectNode part = JSON.createObjectNode();
    int per = (documents.size() + segments - 1) / segments;
    long start = System.nanoTime();
    try (Collection unmerged = build(folder.resolve("unmerged"), settings, documents, per)) {
      part.put("buildSeconds", (System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      // One segment of the same documents: what merging the segments gives (CollectionTest shows
      // a merge equals such a fresh build, file for file).
      try (Collection merged = build(folder.resolve("merged"), settings, documents, documents.size())) {
        part.put("oneSegmentBuildSeconds", (System.nanoTime() - start) / 1e9);
        // Alternate the two, round after round, and keep each one's median round: the machine's
        // other load and the JIT then weigh on both alike.
        List<ObjectNode> a = new ArrayList<>();
        List<ObjectNode> b = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          a.add(measure(unmerged, queryVectors, truth));
          b.add(measure(merged, queryVectors, truth));
        }
        part.set("unmerged", median(a));
        part.set("merged", median(b));
      }
    }
    double ratio = part.path("unmerged").path("meanMicros").asDouble() / part.path("merged").path("meanMicros").asDouble();
    part.put("latencyRatio", ratio);
    log(String.format(Locale.ROOT, "segments: %d unmerged %.1f us (recall %.4f), merged %.1f us (recall %.4f): %.2fx",
        part.path("unmerged").path("segments").asInt(), part.path("unmerged").path("meanMicros").asDouble(),
        part.path("unmerged").path("recall").asDouble(), part.path("merged").path("meanMicros").asDouble(),
        part.path("merged").path("recall").asDouble(), ratio));
    return part;
  }

  /** The collection of {@code documents} written {@code per} documents a segment. */
  private Collection build(Path folder, CollectionSettings settings, List<VectorRecord> documents, int per)
      throws IOException {
    try (Collection c = Collection.create(folder, settings, null);
        CollectionWriter w = c.writer("lsr bench-collection",
            CollectionWriter.Options.DEFAULTS.withThreads(threads).withBackgroundMerges(false))) {
      for (int from = 0; from < documents.size(); from += per) {
        List<IndexedDocument> slice = documents.subList(from, Math.min(documents.size(), from + per)).stream()
            .map(d -> new IndexedDocument(new Document(d.id(), "", ""), Map.of("sparse", d.vector()), Map.of()))
            .toList();
        w.addAll(slice.iterator(), false);
        w.commit(null);
      }
    }
    return Collection.open(folder);
  }

  /** The round whose mean latency is the median. */
  private static ObjectNode median(List<ObjectNode> rounds) {
    List<ObjectNode> sorted = new ArrayList<>(rounds);
    sorted.sort(java.util.Comparator.comparingDouble(o -> o.path("meanMicros").asDouble()));
    return sorted.get(sorted.size() / 2);
  }

  /** Single-thread latency and recall of the current snapshot: warm-up passes, then a timed one. */
  private ObjectNode measure(Collection c, List<SparseVector> queryVectors, List<Hits> truth) {
    SearchParams params = search.toParams();
    try (Snapshot s = c.acquire()) {
      var masks = s.masks();
      for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
        for (SparseVector q : queryVectors) {
          SnapshotSearch.sparse(s, "sparse", q, k, params, masks);
        }
      }
      long[] micros = new long[queryVectors.size()];
      double recall = 0;
      long docsScored = 0;
      long blocksEvaluated = 0;
      for (int i = 0; i < queryVectors.size(); i++) {
        long t = System.nanoTime();
        Hits hits = SnapshotSearch.sparse(s, "sparse", queryVectors.get(i), k, params, masks);
        micros[i] = (System.nanoTime() - t) / 1000;
        recall += recall(truth.get(i), hits);
        docsScored += hits.cost().docsScored();
        blocksEvaluated += hits.cost().blocksEvaluated();
      }
      Arrays.sort(micros);
      ObjectNode o = JSON.createObjectNode();
      o.put("segments", s.segments().size());
      o.put("recall", recall / queryVectors.size());
      o.put("meanMicros", Arrays.stream(micros).average().orElse(0));
      o.put("p50Micros", micros[micros.length / 2]);
      o.put("p99Micros", micros[Math.min(micros.length - 1, (int) Math.ceil(micros.length * 0.99) - 1)]);
      o.put("meanDocsScored", docsScored / (double) queryVectors.size());
      o.put("meanBlocksEvaluated", blocksEvaluated / (double) queryVectors.size());
      return o;
    }
  }

  /** The share of the exact top k found (global numbers are the documents' order in both). */
  private static double recall(Hits exact, Hits found) {
    if (exact.size() == 0) {
      return 1;
    }
    Set<Integer> truth = new HashSet<>();
    for (int d : exact.docs()) {
      truth.add(d);
    }
    int hit = 0;
    for (int d : found.docs()) {
      hit += truth.contains(d) ? 1 : 0;
    }
    return hit / (double) exact.size();
  }

  /**
   * Documents per second a server on the loopback takes over REST, in batches, into a collection
   * that first receives {@code before} (not measured).
   */
  private ObjectNode writesPart(List<VectorRecord> before, List<VectorRecord> documents, Path data) throws Exception {
    Vocabulary vocabulary = Vocabulary.bertBaseUncased();
    PrintWriter log = new PrintWriter(System.err, true);
    CollectionService.Options options = new CollectionService.Options(search.toParams(),
        lsr.index.bm25.Bm25Params.DEFAULTS, 100, 100, lsr.query.fusion.FusionMethod.RRF,
        lsr.query.fusion.FusionWeights.EQUAL, Runtime.getRuntime().availableProcessors());
    ObjectNode part = JSON.createObjectNode();
    try (CollectionRegistry registry = CollectionRegistry.ofDataFolder(data, null, options,
        CollectionWriter.Options.DEFAULTS.withThreads(threads), log)) {
      Javalin app = LsrServer.create(registry, new ServerOptions(1L << 30, 1000)).start("127.0.0.1", 0);
      try {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port() + "/v1/collections/bench";
        send(http, HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"bm25\": true, \"encoders\": [{\"name\": \"splade\","
                + " \"type\": \"splade\", \"model\": \"splade\"}]}")).build(), 201);
        for (int from = 0; from < before.size(); from += 10_000) {
          send(http, HttpRequest.newBuilder(URI.create(base + "/documents")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body(before.subList(from, Math.min(before.size(), from + 10_000)),
                  vocabulary))).build(), 200);
        }
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += batch) {
          bodies.add(body(documents.subList(from, Math.min(documents.size(), from + batch)), vocabulary));
        }
        long[] micros = new long[bodies.size()];
        long start = System.nanoTime();
        for (int i = 0; i < bodies.size(); i++) {
          long t = System.nanoTime();
          send(http, HttpRequest.newBuilder(URI.create(base + "/documents")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), 200);
          micros[i] = (System.nanoTime() - t) / 1000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(micros);
        part.put("documentsBefore", before.size());
        part.put("documents", documents.size());
        part.put("batch", batch);
        part.put("seconds", seconds);
        part.put("documentsPerSecond", documents.size() / seconds);
        part.put("batchP50Millis", micros[micros.length / 2] / 1000.0);
        part.put("batchP99Millis", micros[Math.min(micros.length - 1, (int) Math.ceil(micros.length * 0.99) - 1)] / 1000.0);
        part.put("segmentsAfter", registry.get("bench").commit().segments().size());
        part.put("nonzerosPerDocument", documents.stream().mapToInt(d -> d.vector().size()).average().orElse(0));
        log(String.format(Locale.ROOT, "writes: %,d documents over REST in batches of %d: %.0f documents/s",
            documents.size(), batch, documents.size() / seconds));
      } finally {
        app.stop();
      }
    }
    return part;
  }

  /** A JSON array of the documents with their vectors as token: weight objects. */
  private static byte[] body(List<VectorRecord> documents, Vocabulary vocabulary) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (VectorRecord d : documents) {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("text", d.text());
        g.writeObjectFieldStart("vector");
        SparseVector v = d.vector();
        for (int i = 0; i < v.size(); i++) {
          g.writeNumberField(vocabulary.token(v.termId(i)), v.weight(i));
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  private static void send(HttpClient http, HttpRequest request, int expected) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode() + ": "
          + r.body());
    }
  }

  private void log(String line) {
    spec.commandLine().getErr().println("lsr bench-collection: " + line);
    spec.commandLine().getErr().flush();
  }
}
