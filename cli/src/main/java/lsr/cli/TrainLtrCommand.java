package lsr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lsr.data.BeirDataset;
import lsr.data.ErrorPolicy;
import lsr.data.Qrels;
import lsr.data.Query;
import lsr.data.Run;
import lsr.data.ScoredDoc;
import lsr.encoder.ModelSource;
import lsr.eval.CorpusStages;
import lsr.eval.Evaluation;
import lsr.eval.Evaluator;
import lsr.eval.Metric;
import lsr.index.seismic.SearchParams;
import lsr.query.fusion.Ranking;
import lsr.query.ltr.CrossValidation;
import lsr.query.ltr.LambdaMart;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.LtrReranker;
import lsr.query.ltr.LtrTraining;
import lsr.query.ltr.QueryGroup;
import lsr.query.ltr.TextAnalysis;
import lsr.query.ltr.TextFeatures;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.Pipelines;
import lsr.query.pipeline.RetrievalStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lsr train-ltr}: trains the learning-to-rank reranker of the hybrid pipeline from the qrels of
 * one or more BEIR datasets, reports its k-fold cross-validated effect, and saves a model trained on all
 * their queries.
 */
@Command(
    name = "train-ltr",
    mixinStandardHelpOptions = true,
    description = "Trains a LambdaMART reranker (XGBoost, rank:ndcg) for the hybrid pipeline from the judged "
        + "queries of BEIR datasets. First it cross-validates over the queries (--folds folds: each query is "
        + "scored by a model that never saw it) and prints nDCG@10 of the fused and the reranked rankings per "
        + "dataset; then it trains on every query and writes the model to --out.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:trained", "1:failed (unreadable input, no relevant document among the candidates)",
        "2:usage error"})
final class TrainLtrCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "<folder>",
      description = "BEIR dataset folder; repeat to train on several (their queries are pooled).")
  List<Path> datasets;

  @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the model (JSON).")
  Path out;

  @Option(names = "--split", paramLabel = "<split>", description = "Qrels split (default: ${DEFAULT-VALUE}).")
  String split = "test";

  @Option(names = "--hybrid", split = ",", paramLabel = "<stage>",
      description = "Stages the hybrid fuses (default: bm25, splade and dense, leaving out splade when no "
          + "SPLADE model is found). The server's hybrid must have the same stages to use the model.")
  List<String> hybridStages;

  @Option(names = "--depth", paramLabel = "<n>", description = "Candidates per stage (default: ${DEFAULT-VALUE}).")
  int depth = Pipeline.DEFAULT_DEPTH;

  @Option(names = "--cache", paramLabel = "<folder>",
      description = "Keep encoded corpora and indexes here and reuse them (default: a temporary folder).")
  Path cache;

  @Option(names = "--dense-model", paramLabel = "<model>", description = "Dense bi-encoder (default: ${DEFAULT-VALUE}).")
  String denseModel = ModelSource.DEFAULT_DENSE;

  @Option(names = "--splade-model", paramLabel = "<model>", description = "SPLADE model (default: ${DEFAULT-VALUE}).")
  String spladeModel = CorpusStages.DEFAULT_SPLADE_MODEL;

  @Option(names = "--unicoil-model", paramLabel = "<model>", description = "uniCOIL model (default: ${DEFAULT-VALUE}).")
  String unicoilModel = CorpusStages.DEFAULT_UNICOIL_MODEL;

  @Option(names = "--threads", paramLabel = "<n>", description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin SeismicBuildOptions build;

  @Mixin Bm25Options bm25;

  @Mixin FusionOptions fusion;

  @Mixin LtrOptions ltr;

  @Override
  public Integer call() throws IOException {
    try {
      fusion.validate();
      ltr.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (depth < 1 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--depth and --threads must be >= 1");
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ErrorPolicy policy = ErrorPolicy.strict();
    Path folder = cache != null ? cache : Files.createTempDirectory("lsr-train-ltr-");
    List<QueryGroup> all = new ArrayList<>();
    List<String> featureNames = null;
    Map<String, List<LtrTraining.Gathered>> byDataset = new LinkedHashMap<>();
    Map<String, List<QueryGroup>> groupsByDataset = new LinkedHashMap<>();
    Map<String, Qrels> qrelsByDataset = new LinkedHashMap<>();
    List<String> stageNames = null;
    try {
      for (Path d : datasets) {
        BeirDataset data = BeirDataset.open(d);
        CorpusStages.Settings settings = new CorpusStages.Settings(null, spladeModel, unicoilModel, denseModel,
            bm25.analyzer, bm25.params(spec), SearchParams.DEFAULTS, build.toConfig(), threads);
        try (CorpusStages stages = new CorpusStages(data, folder.resolve(data.name()), policy, settings, err)) {
          List<String> names = hybridStages != null ? hybridStages.stream().map(String::trim).toList()
              : stages.defaultHybrid();
          if (stageNames != null && !stageNames.equals(names)) {
            throw new ParameterException(spec.commandLine(), "datasets would get different hybrid stages (" + stageNames + " vs " + names
                + "); name them with --hybrid");
          }
          stageNames = names;
          List<RetrievalStage> list = new ArrayList<>();
          for (String n : names) {
            list.add(stages.stage(n));
          }
          Pipeline hybrid = Pipelines.hybrid(list, fusion.method, fusion.weights(), depth);
          TextFeatures text = new TextFeatures(TextAnalysis.english(), stages.statistics(), stages.statistics()::bag);
          LtrFeatures features = Pipelines.features(hybrid, text);
          featureNames = features.names();
          Qrels qrels = data.qrels(split, policy);
          Map<String, Query> queries = data.queries(policy);
          List<Query> judged = new ArrayList<>();
          for (String id : qrels.queryIds()) {
            Query q = queries.get(id);
            if (q != null) {
              // Pooled datasets may reuse query ids: prefix them with the dataset's name.
              judged.add(new Query(data.name() + "/" + id, q.text()));
            }
          }
          Qrels prefixed = prefix(qrels, data.name());
          List<LtrTraining.Gathered> gathered = LtrTraining.gather(hybrid, judged, depth, threads);
          List<QueryGroup> groups = LtrTraining.groups(gathered, features, prefixed, ltr.rerankDepth);
          byDataset.put(data.name(), gathered);
          groupsByDataset.put(data.name(), groups);
          qrelsByDataset.put(data.name(), prefixed);
          all.addAll(groups);
          err.printf("lsr train-ltr: %s: %d judged queries, candidates from %s%n", data.name(), judged.size(), names);
        }
      }
    } finally {
      if (cache == null) {
        CorpusStages.discard(folder);
      }
    }
    CrossValidation.Result cv = CrossValidation.run(all, featureNames, ltr.folds, ltr.params(), ltr.seed);
    Metric ndcg = Metric.ndcgCut(10);
    stdout.printf(Locale.ROOT, "%-12s %8s %10s %10s%n", "dataset", "queries", "fused", "reranked");
    for (String name : byDataset.keySet()) {
      Run.Builder fusedRun = new Run.Builder();
      Run.Builder rerankedRun = new Run.Builder();
      List<LtrTraining.Gathered> gathered = byDataset.get(name);
      List<QueryGroup> groups = groupsByDataset.get(name);
      for (int i = 0; i < gathered.size(); i++) {
        LtrTraining.Gathered g = gathered.get(i);
        fusedRun.put(g.query().id(), docs(g.fused()));
        Ranking r = LtrReranker.reorderTop(g.fused(), groups.get(i).docIds(), cv.scores().get(g.query().id()),
            g.fused().size());
        rerankedRun.put(g.query().id(), docs(r));
      }
      Evaluation before = Evaluator.evaluate(qrelsByDataset.get(name), fusedRun.build(), List.of(ndcg));
      Evaluation after = Evaluator.evaluate(qrelsByDataset.get(name), rerankedRun.build(), List.of(ndcg));
      stdout.printf(Locale.ROOT, "%-12s %8d %10.4f %10.4f%n", name, before.queryCount(), before.mean(ndcg), after.mean(ndcg));
    }
    stdout.printf("(nDCG@10; reranked = %d-fold cross-validated over the queries)%n", ltr.folds);
    LtrModel model = LambdaMart.train(all, featureNames, ltr.params());
    model.save(out);
    stdout.printf("wrote %s: %d trees over %d features, hybrid stages %s%n", out, model.treeCount(),
        featureNames.size(), stageNames);
    stdout.flush();
    return 0;
  }

  private static Qrels prefix(Qrels qrels, String dataset) {
    Qrels.Builder b = new Qrels.Builder();
    for (String q : qrels.queryIds()) {
      qrels.judgments(q).forEach((doc, rel) -> b.add(dataset + "/" + q, doc, rel));
    }
    return b.build();
  }

  private static List<ScoredDoc> docs(Ranking r) {
    List<ScoredDoc> out = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      out.add(new ScoredDoc(r.id(i), r.score(i)));
    }
    return out;
  }
}
