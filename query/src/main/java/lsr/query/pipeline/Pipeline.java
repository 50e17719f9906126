package lsr.query.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import lsr.data.SparseVector;
import lsr.query.fusion.Candidates;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.fusion.Ranking;
import lsr.query.ltr.LtrReranker;

/**
 * A named way of answering a query: retrieve candidates from one or more stages, fuse them when
 * there are several, and optionally rerank the top of the fused list with a learning-to-rank model.
 * Thread-safe when its stages are.
 */
public final class Pipeline {

  /** Candidates each stage retrieves by default (more than k, so fusion and reranking can reorder). */
  public static final int DEFAULT_DEPTH = 100;

  private final String name;
  private final List<RetrievalStage> stages;
  private final FusionMethod fusion;
  private final FusionWeights weights;
  private final int depth;
  private final LtrReranker reranker;

  /**
   * @param depth candidates per stage
   * @param reranker the learning-to-rank step, or null for none
   */
  public Pipeline(String name, List<RetrievalStage> stages, FusionMethod fusion, FusionWeights weights,
      int depth, LtrReranker reranker) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("pipeline " + name + " has no stage");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
    this.name = name;
    this.stages = List.copyOf(stages);
    this.fusion = fusion;
    this.weights = weights;
    this.depth = depth;
    this.reranker = reranker;
    checkWeights(weights);
  }

  /** A pipeline of one stage: its ranking is the answer. */
  public static Pipeline single(RetrievalStage stage, int depth) {
    return new Pipeline(stage.name(), List.of(stage), FusionMethod.RRF, FusionWeights.EQUAL, depth, null);
  }

  public String name() {
    return name;
  }

  public List<String> stageNames() {
    return stages.stream().map(RetrievalStage::name).toList();
  }

  public List<RetrievalStage> stages() {
    return stages;
  }

  public FusionMethod fusion() {
    return fusion;
  }

  public FusionWeights weights() {
    return weights;
  }

  public int depth() {
    return depth;
  }

  /** Whether the pipeline reranks with a learned model. */
  public boolean reranks() {
    return reranker != null;
  }

  /** What the stages returned for one query, gathered in one table. */
  public record Gathered(Candidates candidates, Map<String, Long> timings, Map<String, SparseVector> queryVectors) {}

  /**
   * Runs every stage for {@code text}, each to at least the pipeline's depth, reading the collections
   * through {@code snapshots}.
   */
  public Gathered gather(String text, int k, DocFilter filter, SparseParams sparse, RequestSnapshots snapshots) {
    StageQuery query = new StageQuery(text, Math.max(depth, k), filter, sparse, snapshots);
    SequencedMap<String, Ranking> rankings = new LinkedHashMap<>();
    Map<String, Long> timings = new LinkedHashMap<>();
    Map<String, SparseVector> vectors = new LinkedHashMap<>();
    for (RetrievalStage stage : stages) {
      StageResult r = stage.retrieve(query);
      rankings.put(stage.name(), r.ranking());
      timings.put(stage.name() + ".encode", r.encodeMicros());
      timings.put(stage.name() + ".search", r.searchMicros());
      if (r.queryVector() != null) {
        vectors.put(stage.name(), r.queryVector());
      }
    }
    return new Gathered(Candidates.of(rankings), timings, vectors);
  }

  /**
   * Answers one request.
   *
   * @throws IllegalArgumentException when the request's weights name a stage this pipeline lacks
   */
  public PipelineResult search(PipelineRequest request) {
    if (request.snapshots() != null) {
      return search(request, request.snapshots());
    }
    try (RequestSnapshots own = new RequestSnapshots()) {
      return search(request, own);
    }
  }

  private PipelineResult search(PipelineRequest request, RequestSnapshots snapshots) {
    long start = System.nanoTime();
    FusionWeights w = request.weights() != null ? request.weights() : weights;
    checkWeights(w);
    FusionMethod method = request.fusion() != null ? request.fusion() : fusion;
    Gathered gathered = gather(request.text(), request.k(), request.filter(), request.sparse(), snapshots);
    Candidates candidates = gathered.candidates();
    Map<String, Long> timings = new LinkedHashMap<>(gathered.timings());

    Ranking result;
    Ranking fused = null;
    Ranking reranked = null;
    if (stages.size() == 1) {
      result = candidates.ranking(0).top(request.k());
    } else {
      long t = System.nanoTime();
      int fusedDepth = reranker != null ? Math.max(reranker.depth(), request.k()) : request.k();
      fused = method.fuser().rank(candidates, w, fusedDepth);
      timings.put("fusion", micros(t));
      result = fused.top(request.k());
    }
    if (reranker != null) {
      long t = System.nanoTime();
      Ranking input = fused != null ? fused : candidates.ranking(0);
      reranked = reranker.rerank(candidates, input, request.text(), request.k());
      timings.put("rerank", micros(t));
      result = reranked;
    }
    timings.put("total", micros(start));
    return new PipelineResult(hits(candidates, result, fused, reranked), timings, gathered.queryVectors());
  }

  private static List<PipelineResult.Hit> hits(Candidates candidates, Ranking result, Ranking fused, Ranking reranked) {
    Map<String, Float> fusedScore = scores(fused);
    Map<String, Float> rerankScore = scores(reranked);
    List<PipelineResult.Hit> hits = new ArrayList<>(result.size());
    for (int i = 0; i < result.size(); i++) {
      String id = result.id(i);
      int d = candidates.indexOf(id);
      Map<String, PipelineResult.StageScore> byStage = new LinkedHashMap<>();
      for (int s = 0; s < candidates.stageCount(); s++) {
        if (candidates.found(s, d)) {
          byStage.put(candidates.stages().get(s),
              new PipelineResult.StageScore(candidates.score(s, d), candidates.rank(s, d)));
        }
      }
      hits.add(new PipelineResult.Hit(id, result.score(i), byStage, fusedScore.get(id), rerankScore.get(id)));
    }
    return hits;
  }

  private static Map<String, Float> scores(Ranking ranking) {
    Map<String, Float> m = new LinkedHashMap<>();
    if (ranking != null) {
      for (int i = 0; i < ranking.size(); i++) {
        m.put(ranking.id(i), ranking.score(i));
      }
    }
    return m;
  }

  private void checkWeights(FusionWeights w) {
    if (w == null) {
      return;
    }
    List<String> names = stageNames();
    for (String stage : w.byStage().keySet()) {
      if (!names.contains(stage)) {
        throw new IllegalArgumentException(
            "weights name stage '" + stage + "', which pipeline " + name + " does not have (its stages: "
                + String.join(", ", names) + ")");
      }
    }
  }

  private static long micros(long startNanos) {
    return (System.nanoTime() - startNanos) / 1000;
  }
}
