package lsr.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lsr.index.bm25.Bm25Params;
import lsr.index.collection.CollectionWriter;
import lsr.query.ltr.LtrReranker;
import lsr.query.pipeline.Pipeline;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.CollectionService;
import lsr.query.service.SearchService;
import lsr.server.LsrServer;
import lsr.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lsr serve}: the REST API and the search page over collections. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves search over collections: one collection folder (--index, as lsr index --out writes it),"
        + " or every collection folder of a data folder under its folder's name (--data; lsr index --out"
        + " <data>/books makes the collection books, and PUT /v1/collections/{name} creates more). Answers the REST"
        + " API under /v1 (described at /openapi.json) and the search page at /. Stops gracefully on Ctrl-C or"
        + " SIGTERM, finishing the requests in flight.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed (no collection in the folder, port in use, unreadable model)",
        "2:usage error"})
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** One collection, or a folder of them. */
  static final class Where {
    @Option(names = "--index", required = true, paramLabel = "<folder>", description = "One collection folder.")
    Path index;

    @Option(names = "--data", required = true, paramLabel = "<folder>",
        description = "A folder of collection folders, each served under its name (created when missing).")
    Path data;
  }

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Where folders;

  @Option(names = "--default-collection", paramLabel = "<name>",
      description = "With --data: the collection /v1/search answers from (default: the first by name).")
  String defaultCollection;

  @Option(names = "--port", paramLabel = "<port>", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "<address>",
      description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--searchers", paramLabel = "<n>",
      description = "Searches that may run at once; more wait briefly, then get 503 (default: ${DEFAULT-VALUE}).")
  int searchers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--depth", paramLabel = "<n>", description = "Candidates per stage (default: ${DEFAULT-VALUE}).")
  int depth = Pipeline.DEFAULT_DEPTH;

  @Option(names = "--rerank-depth", paramLabel = "<n>",
      description = "Fused candidates the reranker reorders (default: ${DEFAULT-VALUE}).")
  int rerankDepth = LtrReranker.DEFAULT_DEPTH;

  @Mixin SeismicSearchOptions seismic;

  @Option(names = "--max-body-bytes", paramLabel = "<n>",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes = ServerOptions.DEFAULTS.maxBodyBytes();

  @Mixin FusionOptions fusion;

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535 || searchers < 1 || depth < 1 || rerankDepth < 1) {
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535; --searchers, --depth and --rerank-depth >= 1");
    }
    CollectionService.Options options;
    try {
      fusion.validate();
      options = new CollectionService.Options(seismic.toParams(), Bm25Params.DEFAULTS, depth, rerankDepth,
          fusion.method, fusion.weights(), searchers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    CollectionWriter.Options writerOptions = CollectionWriter.Options.DEFAULTS;
    CollectionRegistry registry = folders.data != null
        ? CollectionRegistry.ofDataFolder(folders.data, defaultCollection, options, writerOptions, err)
        : CollectionRegistry.ofFolder(folders.index, options, writerOptions, err);
    Javalin app;
    try {
      app = LsrServer.create(registry, new ServerOptions(maxBodyBytes, ServerOptions.DEFAULTS.stopTimeoutMillis()))
          .start(host, port);
    } catch (RuntimeException e) {
      registry.close();
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    run(app, registry, "0.0.0.0".equals(host) ? "localhost" : host, err);
    return 0;
  }

  /** Serves until the JVM is asked to stop, then stops gracefully. */
  static void run(Javalin app, CollectionRegistry registry, String host, PrintWriter err) {
    for (String name : registry.names()) {
      SearchService service = registry.get(name).search();
      service.warmUp();
      err.printf("lsr serve: collection %s: %,d documents, pipelines %s (default %s)%n", name,
          registry.get(name).commit().documents(),
          service.pipelines().stream().map(SearchService.PipelineInfo::name).toList(), service.defaultPipeline());
    }
    err.printf("lsr serve: search page at http://%s:%d/%n", host, app.port());
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      try {
        registry.close();
      } catch (IOException e) {
        err.println("lsr serve: closing the collections failed: " + e.getMessage());
        err.flush();
      }
      stopped.countDown();
    }, "lsr-serve-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
