package lsr.query.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.fusion.Ranking;
import lsr.query.ltr.LambdaMart;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.LtrParams;
import lsr.query.ltr.LtrReranker;
import lsr.query.ltr.QueryGroup;
import lsr.query.ltr.RankPrior;
import org.junit.jupiter.api.Test;

class PipelineTest {

  private static final RetrievalStage BM25 = new FixedStage("bm25",
      Map.of("q", new Ranking(new String[] {"a", "b", "c"}, new float[] {9, 5, 1})));
  private static final RetrievalStage DENSE = new FixedStage("dense",
      Map.of("q", new Ranking(new String[] {"c", "d"}, new float[] {0.8f, 0.7f})));

  private static Pipeline hybrid(LtrReranker reranker) {
    return new Pipeline("hybrid", List.of(BM25, DENSE), FusionMethod.RRF, FusionWeights.EQUAL, 10, reranker);
  }

  @Test
  void fusesStagesAndReportsPerStageScoresAndTimings() {
    PipelineResult r = hybrid(null).search(PipelineRequest.of("q", 3));
    assertEquals(List.of("c", "a", "b"), r.hits().stream().map(PipelineResult.Hit::id).toList());
    PipelineResult.Hit c = r.hits().get(0);
    assertEquals(new PipelineResult.StageScore(1, 3), c.stages().get("bm25"));
    assertEquals(new PipelineResult.StageScore(0.8f, 1), c.stages().get("dense"));
    assertEquals(1f / 63 + 1f / 61, c.score(), 1e-6);
    assertEquals(c.score(), c.fused());
    assertNull(c.reranked());
    assertEquals(List.of("bm25.encode", "bm25.search", "dense.encode", "dense.search", "fusion", "total"),
        new ArrayList<>(r.timings().keySet()));
  }

  @Test
  void requestOverridesFusionAndWeights() {
    PipelineRequest denseHeavy = new PipelineRequest("q", 2, FusionMethod.MIN_MAX,
        new FusionWeights(Map.of("bm25", 0.1)), SparseParams.DEFAULTS, null, null);
    // Min-max: bm25 a=1, b=0.5, c=0; dense c=1, d=0. Equal weights tie a and c (a appeared first);
    // a small BM25 weight puts c first.
    PipelineRequest equal = new PipelineRequest("q", 2, FusionMethod.MIN_MAX, null, SparseParams.DEFAULTS, null, null);
    assertEquals(List.of("a", "c"), hybrid(null).search(equal).hits().stream().map(PipelineResult.Hit::id).toList());
    PipelineResult r = hybrid(null).search(denseHeavy);
    assertEquals(List.of("c", "a"), r.hits().stream().map(PipelineResult.Hit::id).toList());
    assertEquals(1 / 1.1f, r.hits().get(0).score(), 1e-6);
  }

  @Test
  void filterReachesEveryStage() {
    PipelineRequest onlyBd = new PipelineRequest("q", 10, null, null, SparseParams.DEFAULTS,
        DocFilter.ofIds(Set.of("b", "d")), null);
    PipelineResult r = hybrid(null).search(onlyBd);
    assertEquals(Set.of("b", "d"), Set.copyOf(r.hits().stream().map(PipelineResult.Hit::id).toList()));
  }

  @Test
  void singleStagePipelineReturnsTheStageRanking() {
    PipelineResult r = Pipeline.single(BM25, 10).search(PipelineRequest.of("q", 2));
    assertEquals(List.of("a", "b"), r.hits().stream().map(PipelineResult.Hit::id).toList());
    assertEquals(9f, r.hits().get(0).score());
    assertNull(r.hits().get(0).fused());
    assertTrue(!r.timings().containsKey("fusion"));
  }

  @Test
  void weightsNamingAnUnknownStageAreRejected() {
    PipelineRequest bad = new PipelineRequest("q", 2, null, new FusionWeights(Map.of("splade", 1.0)),
        SparseParams.DEFAULTS, null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hybrid(null).search(bad));
    assertTrue(e.getMessage().contains("'splade'") && e.getMessage().contains("bm25, dense"), e.getMessage());
  }

  /** Trains on queries where dense is right and BM25 wrong; the reranker must follow dense. */
  @Test
  void rerankerReordersTheFusedTop() {
    LtrFeatures features = new LtrFeatures(List.of("bm25", "dense"), null);
    List<QueryGroup> groups = new ArrayList<>();
    java.util.Random random = new java.util.Random(11);
    for (int q = 0; q < 30; q++) {
      int n = 8;
      String[] ids = new String[n];
      float[][] rows = new float[n][];
      float[] labels = new float[n];
      for (int i = 0; i < n; i++) {
        float dense = random.nextFloat();
        float bm25 = random.nextFloat();
        ids[i] = "d" + i;
        // Columns: bm25 score/minmax/zscore/rank, dense score/minmax/zscore/rank, rrf, found_by.
        rows[i] = new float[] {bm25, bm25, bm25, 1 - bm25, dense, dense, dense, 1 - dense, 0, 2};
        labels[i] = dense > 0.7 ? 2 : dense > 0.4 ? 1 : 0;
      }
      groups.add(new QueryGroup("q" + q, ids, rows, labels));
    }
    LtrModel model = LambdaMart.train(groups, features.names(), new LtrParams(50, 0.1, 3, 1, 1, 1, 1, 3, RankPrior.NONE));
    PipelineResult r = hybrid(new LtrReranker(features, model, 10)).search(PipelineRequest.of("q", 4));
    assertEquals("c", r.hits().get(0).id(), r.hits().toString());
    assertTrue(r.hits().indexOf(r.hits().stream().filter(h -> h.id().equals("d")).findFirst().orElseThrow())
        < r.hits().indexOf(r.hits().stream().filter(h -> h.id().equals("a")).findFirst().orElseThrow()),
        "d (dense rank 2) should come before a (BM25 only): " + r.hits());
    assertEquals(r.hits().get(0).score(), r.hits().get(0).reranked());
    assertTrue(r.timings().containsKey("rerank"));
  }
}
