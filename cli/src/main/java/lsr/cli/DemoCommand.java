package lsr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lsr.data.Document;
import lsr.data.JavadocCorpus;
import lsr.encoder.ModelSource;
import lsr.index.seismic.SearchParams;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.LtrReranker;
import lsr.query.pipeline.Pipeline;
import lsr.index.bm25.Bm25Params;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.UnsupportedVersionException;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.CollectionService;
import lsr.query.service.SearchRequest;
import lsr.query.service.SearchResponse;
import lsr.query.service.SearchService;
import lsr.server.LsrServer;
import lsr.server.ServerOptions;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lsr demo}: the whole engine on a corpus every JDK carries. Builds once (BM25, the shipped
 * SPLADE model's Seismic index, optionally dense vectors), then serves the search page and the API.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Indexes the default corpus, the Javadoc comments of the running JDK (its lib/src.zip, about "
        + "63,000 documented public classes and members), into a cache folder: BM25, then the shipped SPLADE "
        + "model's vectors in a Seismic index (resumable: an interrupted build continues), and with --dense the "
        + "bge-small-en-v1.5 vectors. Later runs reuse what is built. Then it serves the search page and the "
        + "REST API (as lsr serve does) until Ctrl-C; with --query it prints the answers instead and exits.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed (no JDK sources, port in use, I/O error)", "2:usage error"})
final class DemoCommand implements Callable<Integer> {

  /** Results shown per query unless told otherwise. */
  static final int DEFAULT_K = 10;
  /**
   * Where the shipped rerankers are: one per hybrid, named by its stages in order, e.g.
   * {@code bm25-splade.json} (trained by lsr train-ltr on the classic collections).
   */
  static final String SHIPPED_LTR_MODELS = "/lsr/ltr/";
  private static final int SNIPPET_CHARS = 200;

  @Spec CommandSpec spec;

  @Option(names = "--query", paramLabel = "<text>",
      description = "Answer this query on standard output instead of serving; repeat for several; - reads one per line "
          + "from standard input.")
  List<String> queries = new ArrayList<>();

  @Option(names = "--k", paramLabel = "<n>", description = "Results per query with --query (default: ${DEFAULT-VALUE}).")
  int k = DEFAULT_K;

  @Option(names = "--port", paramLabel = "<port>", description = "TCP port of the server (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "<address>", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--cache", paramLabel = "<folder>", description = "Where indexes are kept (default: ${DEFAULT-VALUE}).")
  Path cache = defaultCache();

  @Option(names = "--sources", paramLabel = "<src.zip>", description = "JDK source archive to index (default: ${DEFAULT-VALUE}).")
  Path sources = JavadocCorpus.runningJdkSources();

  @Option(names = "--dense", description = "Also encode the corpus with the dense bi-encoder (slow on few cores: "
      + "bge-small-en-v1.5 reads every document in full).")
  boolean dense;

  @Option(names = "--rebuild", description = "Build every index again even when the cache holds it.")
  boolean rebuild;

  @Option(names = "--threads", paramLabel = "<n>", description = "Encoding threads (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin Bm25Options bm25;

  @Mixin SeismicBuildOptions build;

  static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lsr");
  }

  @Override
  public Integer call() throws IOException {
    if (k < 1 || port < 0 || port > 65535 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--k and --threads must be >= 1, --port 0..65535");
    }
    Bm25Params bm25Params = bm25.params(spec);
    PrintWriter err = spec.commandLine().getErr();
    Path folder = demoFolder();
    Path collection = build(folder, err);
    CollectionService.Options options = new CollectionService.Options(SearchParams.DEFAULTS, bm25Params,
        Pipeline.DEFAULT_DEPTH, LtrReranker.DEFAULT_DEPTH, FusionMethod.RRF, FusionWeights.EQUAL,
        Runtime.getRuntime().availableProcessors());
    if (!queries.isEmpty()) {
      try (CollectionService service = CollectionService.open(collection, options, err)) {
        answerAll(service.search(), spec.commandLine().getOut());
      }
      return 0;
    }
    CollectionRegistry registry = CollectionRegistry.ofFolder(collection, options, CollectionWriter.Options.DEFAULTS, err);
    Javalin app;
    try {
      app = LsrServer.create(registry, ServerOptions.DEFAULTS).start(host, port);
    } catch (RuntimeException e) {
      registry.close();
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + " (choose another with --port)", e);
    }
    ServeCommand.run(app, registry, "0.0.0.0".equals(host) ? "localhost" : host, err);
    return 0;
  }

  /** One folder per corpus version, so a new JDK gets its own indexes. */
  private Path demoFolder() throws IOException {
    if (!Files.isRegularFile(sources)) {
      JavadocCorpus.open(sources).close(); // explains what is missing
    }
    String version = Long.toHexString(Files.size(sources) ^ Files.getLastModifiedTime(sources).toMillis());
    return cache.resolve("demo-jdk" + Runtime.version().feature() + "-" + version);
  }

  /**
   * Builds what is missing: the corpus, then the collection (BM25, the shipped SPLADE model's index
   * when this build ships one, dense vectors with --dense) and its reranker. Returns the collection.
   */
  private Path build(Path folder, PrintWriter err) throws IOException {
    Path corpus = folder.resolve("corpus");
    Path collection = folder.resolve("collection");
    if (rebuild && CollectionFormat.isCollection(collection)) {
      Collection.destroy(collection);
    }
    if (rebuild) {
      Folders.deleteTree(corpus);
    }
    Files.createDirectories(folder);
    if (!Files.isRegularFile(corpus.resolve("corpus.jsonl"))) {
      atomically(corpus, partial -> writeCorpus(partial, err));
    }
    List<String> encoders = new ArrayList<>();
    ModelSource splade = ModelSource.shippedOrNull("splade");
    if (splade == null) {
      err.println("lsr demo: this build ships no SPLADE model (encoder/src/main/resources/lsr/models/splade/); "
          + "serving BM25" + (dense ? " and dense" : ""));
    } else {
      encoders.add("splade");
    }
    if (dense) {
      encoders.add("dense");
    }
    forgetIfBuiltOtherwise(collection, encoders, err);
    if (!CollectionFormat.isCollection(collection)) {
      err.printf("lsr demo: indexing %s (once; later runs reuse %s)%n", sources, collection);
      err.flush();
    }
    List<String> args = new ArrayList<>(List.of("--collection", corpus.toString(), "--out", collection.toString(),
        "--threads", Integer.toString(threads), "--analyzer", bm25.analyzer.id()));
    if (!encoders.isEmpty()) {
      args.addAll(List.of("--encoder", String.join(",", encoders)));
    }
    args.addAll(build.toArgs());
    // Resumable, and quick when the collection is complete and up to date.
    index(err, args.toArray(String[]::new));
    // The reranker must match the hybrid's stages: replace it whenever they change.
    List<String> stages = new ArrayList<>(List.of("bm25"));
    stages.addAll(encoders);
    Path ltr = CollectionFormat.ltrModel(collection);
    Files.deleteIfExists(ltr);
    try (InputStream model = DemoCommand.class.getResourceAsStream(SHIPPED_LTR_MODELS + String.join("-", stages) + ".json")) {
      if (model != null) {
        Files.copy(model, ltr);
      }
    }
    return collection;
  }

  /**
   * Drops the collection when it was built with other indexes or by other models than this lsr's
   * (a newer lsr ships new weights; --dense was added or left out): queries encoded now would not
   * match its vectors.
   */
  private void forgetIfBuiltOtherwise(Path collection, List<String> encoders, PrintWriter err) throws IOException {
    if (!CollectionFormat.isCollection(collection)) {
      return;
    }
    CollectionSettings settings;
    try (Collection c = Collection.open(collection)) {
      settings = c.commit().settings();
    } catch (UnsupportedVersionException | CorruptIndexException e) {
      err.printf("lsr demo: %s cannot be read (%s); building it again%n", collection, e.getMessage());
      Collection.destroy(collection);
      return;
    }
    List<String> built = new ArrayList<>();
    boolean current = settings.bm25() == bm25.analyzer;
    for (CollectionSettings.SparseSpec s : settings.sparse()) {
      built.add(s.name());
      current &= fingerprintMatches(s.encoder(), ModelSource.shippedOrNull(s.name()))
          && s.seismic().equals(build.toConfig());
    }
    for (CollectionSettings.DenseSpec d : settings.dense()) {
      built.add(d.name());
      current &= fingerprintMatches(d.encoder(), ModelSource.resolve(ModelSource.DEFAULT_DENSE));
    }
    if (!current || !built.equals(encoders)) {
      err.printf("lsr demo: %s was built with %s by other models or settings; building it again%n", collection,
          built);
      Collection.destroy(collection);
    }
  }

  private static boolean fingerprintMatches(JsonNode encoder, ModelSource model) {
    return model != null && model.fingerprint().equals(encoder.path("modelSha256").asText());
  }

  /** Runs lsr index (resumable) with these arguments. */
  private void index(PrintWriter err, String... args) {
    err.println("lsr demo: lsr index " + String.join(" ", args) + " (resumable: rerun lsr demo after an interruption)");
    err.flush();
    int code = new CommandLine(new IndexCommand()).setExecutionExceptionHandler(new ErrorReporter()).setErr(err)
        .execute(args);
    if (code != 0) {
      throw new IllegalStateException("lsr index failed (exit " + code + "); see the message above");
    }
  }

  private void writeCorpus(Path folder, PrintWriter err) throws IOException {
    err.printf("lsr demo: reading the Javadoc of %s%n", sources);
    err.flush();
    try (JavadocCorpus docs = JavadocCorpus.open(sources);
        lsr.data.BeirDatasetWriter out = lsr.data.BeirDatasetWriter.create(folder, "test");
        ProgressBar bar = new ProgressBarBuilder().setTaskName("corpus").setInitialMax(-1)
            .setUnit(" docs", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).build()) {
      for (Iterator<Document> it = docs; it.hasNext(); ) {
        out.write(it.next());
        bar.step();
      }
    }
  }

  private interface Step {
    void into(Path partial) throws IOException;
  }

  /** Builds beside the target and moves it in place at the end, so an interrupted step is never reused. */
  private static void atomically(Path target, Step step) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    try {
      step.into(partial);
    } catch (IOException | RuntimeException e) {
      Folders.deleteTree(partial);
      throw e;
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      Folders.deleteTree(partial); // another process finished first: use theirs
    }
  }

  private void answerAll(SearchService service, PrintWriter out) throws IOException {
    if (!queries.equals(List.of("-"))) {
      for (String q : queries) {
        answer(service, q, out);
      }
      return;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (!line.isBlank()) {
        answer(service, line.strip(), out);
      }
    }
  }

  private void answer(SearchService service, String query, PrintWriter out) {
    SearchResponse r = service.search(new SearchRequest(query, k, null, null, null, null, null, null, null, null));
    out.printf(Locale.ROOT, "%n%s  (%s, %d results, %.1f ms)%n", query, r.pipeline(), r.hits().size(),
        r.timingsMs().get("total"));
    for (SearchResponse.Hit h : r.hits()) {
      out.printf(Locale.ROOT, "%3d. %7.3f  %s%n       %s%n", h.rank(), h.score(), h.title(),
          h.text() == null ? "" : snippet(h.text()));
    }
    out.flush();
  }

  static String snippet(String text) {
    if (text.length() <= SNIPPET_CHARS) {
      return text;
    }
    int cut = text.lastIndexOf(' ', SNIPPET_CHARS);
    return text.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + " ...";
  }
}
