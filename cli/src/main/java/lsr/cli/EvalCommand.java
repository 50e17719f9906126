package lsr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lsr.data.BeirDataset;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.RecordReader;
import lsr.data.TrecRunWriter;
import lsr.eval.BeirEvaluation;
import lsr.eval.EvalReport;
import lsr.eval.EvalTable;
import lsr.eval.Metric;
import lsr.query.Bm25Retriever;
import lsr.query.Retriever;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lsr eval}: retrieval effectiveness of one or more retrievers on a BEIR dataset. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluates retrievers on a dataset in BEIR layout (corpus.jsonl, queries.jsonl, "
        + "qrels/<split>.tsv): searches every judged query, prints a table of trec_eval measures "
        + "(ndcg_cut_10, recall_100, recall_1000, map, recip_rank at depth 10, P_10) averaged over the "
        + "judged queries, and optionally writes the TREC run and a JSON summary.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:evaluated", "1:failed (unreadable or malformed input, I/O error)", "2:usage error"})
final class EvalCommand implements Callable<Integer> {

  /** How deep each query's ranking goes by default: deep enough for recall_1000. */
  static final int DEFAULT_HITS = 1000;

  @Spec CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "<folder>", description = "BEIR dataset folder.")
  Path dataset;

  @Option(names = "--retriever", split = ",", paramLabel = "<name>",
      description = "Retrievers to evaluate, comma-separated or repeated: ${COMPLETION-CANDIDATES} (default: bm25).",
      completionCandidates = RetrieverNames.class)
  List<String> retrievers = new ArrayList<>(List.of("bm25"));

  @Option(names = "--split", paramLabel = "<split>", description = "Qrels split, qrels/<split>.tsv (default: ${DEFAULT-VALUE}).")
  String split = "test";

  @Option(names = "--run", paramLabel = "<file>",
      description = "Write the TREC run here (with several retrievers, the retriever's name goes before the extension).")
  Path runFile;

  @Option(names = "--json", paramLabel = "<file>",
      description = "Write the JSON summary here (with several retrievers, one file each, named as for --run).")
  Path jsonFile;

  @Option(names = "--hits", paramLabel = "<n>", description = "Documents retrieved per query (default: ${DEFAULT-VALUE}).")
  int hits = DEFAULT_HITS;

  @Option(names = "--threads", paramLabel = "<n>", description = "Queries searched at once (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--lenient", description = "Skip malformed input lines and report them at the end, instead of stopping at the first.")
  boolean lenient;

  @Option(names = "--bm25-index", paramLabel = "<folder>",
      description = "Keep the BM25 index of the corpus here and reuse it when present (default: a temporary folder, deleted after).")
  Path bm25Index;

  @Mixin Bm25Options bm25;

  /** The retriever names for help and validation. */
  static final class RetrieverNames extends ArrayList<String> {
    RetrieverNames() {
      super(factories(null).keySet());
    }
  }

  /** Opens a retriever over a dataset's corpus; {@code scratch} is a folder it may fill and that is deleted after. */
  interface RetrieverFactory {
    Retriever open(BeirDataset dataset, Path scratch, ErrorPolicy policy) throws IOException;
  }

  /** Every retriever {@code --retriever} can name. A new method is one more entry here. */
  static Map<String, RetrieverFactory> factories(EvalCommand options) {
    Map<String, RetrieverFactory> all = new LinkedHashMap<>();
    all.put("bm25", (dataset, scratch, policy) -> options.openBm25(dataset, scratch, policy));
    return all;
  }

  @Override
  public Integer call() throws IOException {
    Map<String, RetrieverFactory> known = factories(this);
    for (String name : retrievers) {
      if (!known.containsKey(name)) {
        throw new ParameterException(spec.commandLine(), "unknown retriever '" + name + "'; known: " + known.keySet());
      }
    }
    if (hits < 1 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--hits and --threads must be >= 1");
    }
    bm25.params(spec); // an out-of-range --k1 or --b is a usage error, found before any work
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ErrorPolicy policy = lenient ? ErrorPolicy.lenient() : ErrorPolicy.strict();
    BeirDataset data = BeirDataset.open(dataset);
    List<EvalReport> reports = new ArrayList<>();
    Path scratch = Files.createTempDirectory("lsr-eval-");
    try {
      for (String name : retrievers) {
        long start = System.nanoTime();
        try (Retriever retriever = known.get(name).open(data, scratch.resolve(name), policy)) {
          BeirEvaluation result = BeirEvaluation.run(data, split, retriever, hits, threads, Metric.STANDARD, policy);
          EvalReport report = EvalReport.of(data.name(), name, result.evaluation());
          reports.add(report);
          if (runFile != null) {
            try (TrecRunWriter w = TrecRunWriter.create(perRetriever(runFile, name), "lsr-" + name)) {
              for (String q : result.run().queryIds()) {
                w.write(q, result.run().results(q));
              }
            }
          }
          if (jsonFile != null) {
            report.writeJson(perRetriever(jsonFile, name));
          }
        }
        err.printf("lsr eval: %s on %s (%s) in %.1f s%n", name, data.name(), split, (System.nanoTime() - start) / 1e9);
      }
    } finally {
      Folders.deleteTree(scratch);
    }
    out.print(EvalTable.format(reports, Metric.STANDARD));
    out.flush();
    if (policy.skipped() > 0) {
      err.println("lsr eval: " + policy.summary());
    }
    return 0;
  }

  private Retriever openBm25(BeirDataset data, Path scratch, ErrorPolicy policy) throws IOException {
    Path folder = bm25Index != null ? bm25Index : scratch;
    if (bm25Index != null && Files.isDirectory(bm25Index) && hasFiles(bm25Index)) {
      Bm25Retriever reused = Bm25Retriever.open(bm25Index, bm25.params(spec));
      if (reused.index().analyzer() != bm25.analyzer) {
        reused.close();
        throw new ParameterException(spec.commandLine(), "the BM25 index in " + bm25Index + " was built with --analyzer "
            + reused.index().analyzer() + ", not " + bm25.analyzer + "; pass --analyzer "
            + reused.index().analyzer() + " or another --bm25-index folder");
      }
      return reused;
    }
    Files.createDirectories(folder);
    try (RecordReader<Document> corpus = data.corpus(policy)) {
      return Bm25Retriever.build(folder, corpus, bm25.analyzer, bm25.params(spec));
    }
  }

  private static boolean hasFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findAny().isPresent();
    }
  }

  /** {@code file} itself for one retriever; with several, {@code run.trec} becomes {@code run.bm25.trec}. */
  private Path perRetriever(Path file, String retriever) {
    if (retrievers.size() == 1) {
      return file;
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String renamed = dot > 0 ? name.substring(0, dot) + "." + retriever + name.substring(dot) : name + "." + retriever;
    return file.resolveSibling(renamed);
  }

}
