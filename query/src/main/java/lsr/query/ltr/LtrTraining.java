package lsr.query.ltr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lsr.data.Qrels;
import lsr.data.Query;
import lsr.index.Workers;
import lsr.query.fusion.Candidates;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.RequestSnapshots;
import lsr.query.pipeline.SparseParams;

/**
 * Learning to rank from a test collection: gathers every judged query's candidates through a fusion
 * pipeline, labels them from the qrels, and trains one model or cross-validates over the queries.
 */
public final class LtrTraining {

  /** A query with its candidates and their fused ranking (the order a reranker starts from). */
  public record Gathered(Query query, Candidates candidates, Ranking fused) {}

  private LtrTraining() {}

  /**
   * Runs {@code pipeline}'s stages and fusion for each query, {@code depth} candidates per stage, on
   * {@code threads} threads. The pipeline's own reranker, if any, is not applied.
   */
  public static List<Gathered> gather(Pipeline pipeline, List<Query> queries, int depth, int threads) {
    Gathered[] out = new Gathered[queries.size()];
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
      Workers.run(pool, queries.size(), i -> {
        Query q = queries.get(i);
        Candidates c;
        try (RequestSnapshots snapshots = new RequestSnapshots()) {
          c = pipeline.gather(q.text(), depth, null, SparseParams.DEFAULTS, snapshots).candidates();
        }
        Ranking fused = c.stageCount() == 1 ? c.ranking(0)
            : pipeline.fusion().fuser().rank(c, pipeline.weights(), c.size());
        out[i] = new Gathered(q, c, fused);
      });
    }
    return List.of(out);
  }

  /** The labeled feature rows of each query's first {@code rerankDepth} fused candidates. */
  public static List<QueryGroup> groups(List<Gathered> gathered, LtrFeatures features, Qrels qrels, int rerankDepth) {
    List<QueryGroup> groups = new ArrayList<>(gathered.size());
    for (Gathered g : gathered) {
      Ranking top = g.fused().top(rerankDepth);
      int[] docs = new int[top.size()];
      float[] labels = new float[top.size()];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = g.candidates().indexOf(top.id(i));
        labels[i] = Math.max(0, qrels.relevance(g.query().id(), top.id(i)));
      }
      float[][] rows = features.rows(g.candidates(), docs, features.analyze(g.query().text()));
      groups.add(new QueryGroup(g.query().id(), top.ids(), rows, labels));
    }
    return groups;
  }

  /**
   * Cross-validated reranking: each query's first {@code rerankDepth} fused candidates are reordered
   * by the model of the fold that held the query out; the rest keep their fused order below them.
   * Returns the full reranked ranking of every query, by query id (see {@link LtrReranker#reorderTop}).
   */
  public static Map<String, Ranking> crossValidate(List<Gathered> gathered, LtrFeatures features, Qrels qrels,
      int rerankDepth, int folds, LtrParams params, long seed) {
    List<QueryGroup> groups = groups(gathered, features, qrels, rerankDepth);
    CrossValidation.Result cv = CrossValidation.run(groups, features.names(), folds, params, seed);
    Map<String, Ranking> out = new LinkedHashMap<>();
    for (int i = 0; i < gathered.size(); i++) {
      Gathered g = gathered.get(i);
      QueryGroup group = groups.get(i);
      out.put(g.query().id(), LtrReranker.reorderTop(g.fused(), group.docIds(), cv.scores().get(g.query().id()),
          g.fused().size()));
    }
    return out;
  }
}
