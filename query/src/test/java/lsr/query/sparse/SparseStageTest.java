package lsr.query.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import lsr.data.SparseVector;
import lsr.index.VectorCollection;
import lsr.index.exact.ExactIndex;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicIndexBuilder;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.DocFilter;
import lsr.query.pipeline.SparseParams;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseStageTest {

  private static final long SEED = 77L;

  private static SparseVector random(Random r, int nonzeros, int dim) {
    int[] ids = new int[nonzeros];
    float[] ws = new float[nonzeros];
    for (int i = 0; i < nonzeros; i++) {
      ids[i] = r.nextInt(dim);
      ws[i] = 0.1f + r.nextFloat();
    }
    return SparseVector.fromUnsorted(ids, ws, SparseVector.Merge.MAX);
  }

  private static VectorCollection collection(Random r) {
    VectorCollection.Builder b = VectorCollection.builder();
    for (int d = 0; d < 300; d++) {
      b.add("doc-" + d, random(r, 30, 400));
    }
    return b.build();
  }

  /** "Encodes" a query text that is a seed into a random vector, so tests can name queries by text. */
  private static final Function<String, SparseVector> ENCODER = text -> random(new Random(Long.parseLong(text)), 12, 400);

  @Test
  void exactIndexStageRanksByInnerProductWithExternalIdsAndFilter() {
    System.out.println("seed " + SEED);
    VectorCollection docs = collection(new Random(SEED));
    SparseStage stage = new SparseStage("splade", ENCODER, ExactIndex.build(docs), SearchParams.DEFAULTS, null);
    StageResult r = stage.retrieve(StageQuery.of("5", 10));
    SparseVector q = ENCODER.apply("5");
    assertEquals(q, r.queryVector());
    List<float[]> expected = new ArrayList<>();
    for (int d = 0; d < docs.size(); d++) {
      expected.add(new float[] {d, q.dot(vector(docs, d))});
    }
    expected.sort((a, b) -> Float.compare(b[1], a[1]));
    for (int i = 0; i < 10; i++) {
      assertEquals("doc-" + (int) expected.get(i)[0], r.ranking().id(i));
      assertEquals(expected.get(i)[1], r.ranking().score(i), 1e-4f);
    }
    Set<String> allowed = Set.of("doc-3", "doc-30", "doc-299", "not-a-doc");
    Ranking filtered = stage.retrieve(new StageQuery("5", 10, new DocFilter(allowed), SparseParams.DEFAULTS)).ranking();
    assertTrue(allowed.containsAll(List.of(filtered.ids())), filtered.toString());
    assertNull(stage.documentVector("doc-3"), "only Seismic keeps a forward index to explain with");
  }

  private static SparseVector vector(VectorCollection c, int d) {
    int start = c.start(d);
    int len = c.length(d);
    int[] ids = new int[len];
    float[] ws = new float[len];
    for (int i = 0; i < len; i++) {
      ids[i] = c.terms()[start + i];
      ws[i] = c.values()[start + i];
    }
    return SparseVector.of(ids, ws);
  }

  @Test
  void seismicStageHonorsRequestParamsFilterAndExplains(@TempDir Path dir) throws IOException {
    VectorCollection docs = collection(new Random(SEED));
    SeismicIndex index = SeismicIndexBuilder.build(dir, docs, SeismicConfig.DEFAULTS, 1);
    SparseStage stage = new SparseStage("splade", ENCODER, index, SearchParams.DEFAULTS, null);
    ExactIndex exact = ExactIndex.build(docs);
    SparseStage oracle = new SparseStage("exact", ENCODER, exact, SearchParams.DEFAULTS, null);
    int agree = 0;
    for (int q = 0; q < 20; q++) {
      // The safest parameters: every list, no block skipped but by a lossless bound.
      StageQuery safe = new StageQuery(Integer.toString(q), 10, null, new SparseParams(400, 1.0));
      Set<String> truth = new HashSet<>(List.of(oracle.retrieve(safe).ranking().ids()));
      for (String id : stage.retrieve(safe).ranking().ids()) {
        agree += truth.contains(id) ? 1 : 0;
      }
    }
    assertTrue(agree >= 190, "recall@10 with safe parameters " + agree / 200.0);

    Set<String> allowed = Set.of("doc-1", "doc-2", "doc-250");
    Ranking filtered = stage.retrieve(new StageQuery("3", 10, new DocFilter(allowed), SparseParams.DEFAULTS)).ranking();
    Ranking exactly = oracle.retrieve(new StageQuery("3", 10, new DocFilter(allowed), SparseParams.DEFAULTS)).ranking();
    assertEquals(List.of(exactly.ids()), List.of(filtered.ids()), "a small filter is answered exactly");
    for (int i = 0; i < exactly.size(); i++) {
      assertEquals(exactly.score(i), filtered.score(i), 1e-3f, "Seismic keeps weights as f16");
    }
    assertArrayEquals(vector(docs, 250).termIds(), stage.documentVector("doc-250").termIds());
    assertNull(stage.documentVector("missing"));
    stage.close();
  }

  @Test
  void requestOverridesOnlyTheKnobsItNames() {
    SearchParams base = SearchParams.DEFAULTS;
    assertEquals(base, SparseStage.with(base, SparseParams.DEFAULTS));
    SearchParams p = SparseStage.with(base, new SparseParams(3, null));
    assertEquals(3, p.queryCut());
    assertEquals(base.heapFactor(), p.heapFactor());
    assertEquals(0.9, SparseStage.with(base, new SparseParams(null, 0.9)).heapFactor());
  }
}
