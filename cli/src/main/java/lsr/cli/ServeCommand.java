package lsr.cli;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lsr.index.seismic.SearchParams;
import lsr.query.ltr.LtrReranker;
import lsr.query.pipeline.Pipeline;
import lsr.query.service.SearchFolder;
import lsr.query.service.SearchService;
import lsr.server.LsrServer;
import lsr.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lsr serve}: the REST API and the search page over a folder of indexes. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves search over a folder of indexes: the sparse index of lsr index --out <folder> "
        + "(lsr-index.json, seismic/), optionally bm25/ (BM25, and the texts shown with results), dense/ "
        + "(lsr index --encoder dense --out <folder>/dense) and ltr-model.json (lsr train-ltr). Answers the REST "
        + "API under /v1 (described at /openapi.json) and the search page at /. Stops gracefully on Ctrl-C or "
        + "SIGTERM, finishing the requests in flight.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:failed (no index in the folder, port in use, unreadable model)", "2:usage error"})
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "<folder>", description = "The folder of indexes.")
  Path index;

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
    SearchFolder.Options options;
    try {
      fusion.validate();
      options = new SearchFolder.Options(
          seismic.toParams(), depth, rerankDepth,
          fusion.method, fusion.weights(), searchers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    SearchService service = SearchFolder.open(index, options, err);
    Javalin app;
    try {
      app = LsrServer.create(service, new ServerOptions(maxBodyBytes, ServerOptions.DEFAULTS.stopTimeoutMillis()))
          .start(host, port);
    } catch (RuntimeException e) {
      service.close();
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    run(app, service, "0.0.0.0".equals(host) ? "localhost" : host, err);
    return 0;
  }

  /** Serves until the JVM is asked to stop, then stops gracefully. */
  static void run(Javalin app, SearchService service, String host, PrintWriter err) {
    service.warmUp();
    err.printf("lsr serve: pipelines %s (default %s); search page at http://%s:%d/%n",
        service.pipelines().stream().map(SearchService.PipelineInfo::name).toList(), service.defaultPipeline(),
        host, app.port());
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      service.close();
      stopped.countDown();
    }, "lsr-serve-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
