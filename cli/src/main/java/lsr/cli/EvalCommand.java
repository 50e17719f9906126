package lsr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lsr.data.BeirDataset;
import lsr.data.ErrorPolicy;
import lsr.data.TrecRunWriter;
import lsr.data.Qrels;
import lsr.data.Query;
import lsr.data.Run;
import lsr.data.ScoredDoc;
import lsr.encoder.ModelSource;
import lsr.eval.CorpusStages;
import lsr.eval.Evaluation;
import lsr.eval.Significance;
import lsr.index.seismic.SearchParams;
import lsr.query.fusion.Ranking;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.LtrTraining;
import lsr.query.ltr.TextAnalysis;
import lsr.query.ltr.TextFeatures;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.PipelineRetriever;
import lsr.query.pipeline.Pipelines;
import lsr.query.pipeline.RetrievalStage;
import lsr.eval.BeirEvaluation;
import lsr.eval.EvalReport;
import lsr.eval.EvalTable;
import lsr.eval.Metric;
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
        + "judged queries, and optionally writes the TREC run and a JSON summary.%n%n"
        + "Retrievers: bm25; splade, unicoil (the shipped models, or --splade-model / --unicoil-model) over a "
        + "Seismic index; dense (bge-small-en-v1.5 from its Maven artifact, or --dense-model) by exact search; "
        + "hybrid (fusion of the --hybrid stages); hybrid-ltr (hybrid reranked by learning to rank: with "
        + "--ltr-model, that model; without, LambdaMART cross-validated over the dataset's own queries in "
        + "--folds folds, so each query is scored by a model that never saw it). BM25 is always evaluated "
        + "as the baseline: a value marked + or - is significantly above or below BM25's (paired t-test "
        + "over queries, p < 0.05).%n",
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

  @Option(names = "--threads", paramLabel = "<n>", description = "Documents encoded and queries searched at once (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--lenient", description = "Skip malformed input lines and report them at the end, instead of stopping at the first.")
  boolean lenient;

  @Option(names = "--bm25-index", paramLabel = "<folder>",
      description = "A collection with BM25 over the corpus to search (lsr index --out), or where to build one and"
          + " keep it (default: the cache, or a temporary folder deleted after).")
  Path bm25Index;

  @Mixin Bm25Options bm25;

  @Option(names = "--cache", paramLabel = "<folder>",
      description = "Keep the encoded corpus and indexes here and reuse them while corpus and model are "
          + "unchanged (default: a temporary folder, deleted after).")
  Path cache;

  @Option(names = "--dense-model", paramLabel = "<model>",
      description = "Dense bi-encoder: a model folder or a built-in name (default: ${DEFAULT-VALUE}).")
  String denseModel = ModelSource.DEFAULT_DENSE;

  @Option(names = "--splade-model", paramLabel = "<model>",
      description = "SPLADE model: a model folder or a shipped name (default: ${DEFAULT-VALUE}).")
  String spladeModel = CorpusStages.DEFAULT_SPLADE_MODEL;

  @Option(names = "--unicoil-model", paramLabel = "<model>",
      description = "uniCOIL model: a model folder or a shipped name (default: ${DEFAULT-VALUE}).")
  String unicoilModel = CorpusStages.DEFAULT_UNICOIL_MODEL;

  @Option(names = "--hybrid", split = ",", paramLabel = "<stage>",
      description = "Stages the hybrid fuses, comma-separated, from bm25, splade, unicoil, dense "
          + "(default: bm25, splade and dense, leaving out splade when no SPLADE model is found).")
  List<String> hybridStages;

  @Mixin FusionOptions fusion;

  @Option(names = "--ltr-model", paramLabel = "<file>",
      description = "A learning-to-rank model (from lsr train-ltr) for hybrid-ltr, instead of cross-validation.")
  Path ltrModel;

  @Mixin LtrOptions ltr;

  @Mixin SeismicSearchOptions seismic;

  @Mixin SeismicBuildOptions build;

  /** The retriever names for help and validation. */
  static final class RetrieverNames extends ArrayList<String> {
    RetrieverNames() {
      super(names());
    }
  }

  /** Every retriever {@code --retriever} can name. */
  static List<String> names() {
    List<String> all = new ArrayList<>(CorpusStages.names());
    all.add(Pipelines.HYBRID);
    all.add(Pipelines.HYBRID_LTR);
    return all;
  }

  @Override
  public Integer call() throws IOException {
    List<String> known = names();
    for (String name : retrievers) {
      if (!known.contains(name)) {
        throw new ParameterException(spec.commandLine(), "unknown retriever '" + name + "'; known: " + known);
      }
    }
    if (hits < 1 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--hits and --threads must be >= 1");
    }
    CorpusStages.Settings settings;
    try {
      settings = new CorpusStages.Settings(bm25Index, spladeModel, unicoilModel, denseModel, bm25.analyzer,
          bm25.params(spec), seismic.toParams(), build.toConfig(), threads);
      fusion.validate();
      ltr.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ErrorPolicy policy = lenient ? ErrorPolicy.lenient() : ErrorPolicy.strict();
    BeirDataset data = BeirDataset.open(dataset);
    Path folder = cache != null ? cache : Files.createTempDirectory("lsr-eval-");
    List<String> order = new ArrayList<>(retrievers);
    if (!order.contains("bm25")) {
      order.add(0, "bm25"); // the baseline of the significance tests
    }
    List<EvalReport> reports = new ArrayList<>();
    Map<String, Evaluation> evaluations = new LinkedHashMap<>();
    try (CorpusStages stages = new CorpusStages(data, folder.resolve(data.name()), policy, settings, err)) {
      for (String name : order) {
        long start = System.nanoTime();
        BeirEvaluation result;
        try {
          result = evaluate(name, data, stages, policy);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        evaluations.put(name, result.evaluation());
        reports.add(EvalReport.of(data.name(), name, result.evaluation()));
        if (retrievers.contains(name)) {
          if (runFile != null) {
            try (TrecRunWriter w = TrecRunWriter.create(perRetriever(runFile, name), "lsr-" + name)) {
              for (String q : result.run().queryIds()) {
                w.write(q, result.run().results(q));
              }
            }
          }
          if (jsonFile != null) {
            reports.getLast().writeJson(perRetriever(jsonFile, name));
          }
        }
        err.printf("lsr eval: %s on %s (%s) in %.1f s%n", name, data.name(), split, (System.nanoTime() - start) / 1e9);
      }
    } finally {
      if (cache == null) {
        CorpusStages.discard(folder);
      }
    }
    Map<String, Map<String, String>> markers = new LinkedHashMap<>();
    Evaluation baseline = evaluations.get("bm25");
    for (Map.Entry<String, Evaluation> e : evaluations.entrySet()) {
      if (!e.getKey().equals("bm25")) {
        Map<String, String> m = new LinkedHashMap<>();
        Significance.versus(baseline, e.getValue(), Metric.STANDARD).forEach((metric, c) -> m.put(metric, c.marker()));
        markers.put(e.getKey(), m);
      }
    }
    out.print(EvalTable.format(reports, Metric.STANDARD, markers));
    if (!markers.isEmpty()) {
      out.println("+/-: significantly above/below bm25 (paired two-sided t-test over queries, p < "
          + Significance.ALPHA + ")");
    }
    out.flush();
    if (policy.skipped() > 0) {
      err.println("lsr eval: " + policy.summary());
    }
    return 0;
  }

  /** Runs one retriever over the judged queries. */
  private BeirEvaluation evaluate(String name, BeirDataset data, CorpusStages stages, ErrorPolicy policy)
      throws IOException {
    if (CorpusStages.names().contains(name)) {
      Pipeline single = Pipeline.single(stages.stage(name), hits);
      return BeirEvaluation.run(data, split, new PipelineRetriever(single), hits, threads, Metric.STANDARD, policy);
    }
    Pipeline hybrid = Pipelines.hybrid(hybridStages(stages), fusion.method, fusion.weights(), hits);
    if (name.equals(Pipelines.HYBRID)) {
      return BeirEvaluation.run(data, split, new PipelineRetriever(hybrid), hits, threads, Metric.STANDARD, policy);
    }
    TextFeatures text = new TextFeatures(TextAnalysis.english(), stages.statistics(), stages.statistics()::bag);
    if (ltrModel != null) {
      Pipeline reranked = Pipelines.hybridLtr(hybrid, text, LtrModel.load(ltrModel), ltr.rerankDepth);
      return BeirEvaluation.run(data, split, new PipelineRetriever(reranked), hits, threads, Metric.STANDARD, policy);
    }
    Qrels qrels = data.qrels(split, policy);
    LtrFeatures features = Pipelines.features(hybrid, text);
    return BeirEvaluation.run(data, split, judged -> {
      List<LtrTraining.Gathered> gathered = LtrTraining.gather(hybrid, judged, hits, threads);
      Map<String, Ranking> reranked = LtrTraining.crossValidate(gathered, features, qrels, ltr.rerankDepth,
          ltr.folds, ltr.params(), ltr.seed);
      Run.Builder run = new Run.Builder();
      for (Query q : judged) {
        Ranking r = reranked.get(q.id());
        List<ScoredDoc> docs = new ArrayList<>(r.size());
        for (int i = 0; i < Math.min(hits, r.size()); i++) {
          docs.add(new ScoredDoc(r.id(i), r.score(i)));
        }
        run.put(q.id(), docs);
      }
      return run.build();
    }, Metric.STANDARD, policy);
  }

  /** The hybrid's stages: as given, or BM25, SPLADE (when a model is found) and dense. */
  private List<RetrievalStage> hybridStages(CorpusStages stages) throws IOException {
    List<String> names = hybridStages != null ? hybridStages : stages.defaultHybrid();
    List<RetrievalStage> out = new ArrayList<>();
    for (String n : names) {
      out.add(stages.stage(n.trim()));
    }
    if (out.size() < 2) {
      throw new IllegalArgumentException("--hybrid needs at least two stages, got " + names);
    }
    return out;
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
