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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.ValueType;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.DocFilter;
import lsr.query.pipeline.RequestSnapshots;
import lsr.query.pipeline.SparseParams;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse stage over a collection of several segments: safe parameters find the exact top 10, a
 * small filter is answered exactly, matches are explained from the stored vectors. Random data from
 * {@code -Dlsr.test.seed}.
 */
class SparseStageTest {

  private static final long SEED = Long.getLong("lsr.test.seed", 77L);

  @TempDir Path dir;

  private static SparseVector random(Random r, int nonzeros, int dim) {
    int[] ids = new int[nonzeros];
    float[] ws = new float[nonzeros];
    for (int i = 0; i < nonzeros; i++) {
      ids[i] = r.nextInt(dim);
      ws[i] = 0.1f + r.nextFloat();
    }
    return SparseVector.fromUnsorted(ids, ws, SparseVector.Merge.MAX);
  }

  /** "Encodes" a query text that is a seed into a random vector, so tests can name queries by text. */
  private static final Function<String, SparseVector> ENCODER = text -> random(new Random(Long.parseLong(text)), 12, 400);

  /** 300 documents in three segments, f32 weights and lossless summaries; returns the vectors by id. */
  private Map<String, SparseVector> build(Path folder) throws IOException {
    Random r = new Random(SEED);
    Map<String, SparseVector> docs = new java.util.LinkedHashMap<>();
    CollectionSettings settings = new CollectionSettings(null,
        List.of(new CollectionSettings.SparseSpec("splade", null, SeismicConfig.DEFAULTS.withValueType(ValueType.F32).withSummaryEnergy(1.0))),
        List.of(), Map.of());
    try (Collection c = Collection.create(folder, settings, null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
      for (int d = 0; d < 300; d++) {
        SparseVector v = random(r, 30, 400);
        docs.put("doc-" + d, v);
        w.add(new IndexedDocument(new Document("doc-" + d, "", ""), Map.of("splade", v), Map.of()));
        if (d % 100 == 99) {
          w.commit(null);
        }
      }
    }
    return docs;
  }

  private static List<String> exact(Map<String, SparseVector> docs, SparseVector q, Set<String> allowed, int k) {
    List<Map.Entry<String, Float>> scored = new ArrayList<>();
    docs.forEach((id, v) -> {
      float s = q.dot(v);
      if (s > 0 && (allowed == null || allowed.contains(id))) {
        scored.add(Map.entry(id, s));
      }
    });
    scored.sort((a, b) -> Float.compare(b.getValue(), a.getValue()));
    return scored.stream().limit(k).map(Map.Entry::getKey).toList();
  }

  @Test
  void searchesEverySegmentHonoursRequestParamsAndFiltersAndExplains() throws IOException {
    Map<String, SparseVector> docs = build(dir.resolve("c"));
    try (Collection c = Collection.open(dir.resolve("c"));
        SparseStage stage = new SparseStage("splade", ENCODER, c, SearchParams.DEFAULTS, null);
        RequestSnapshots snapshots = new RequestSnapshots()) {
      assertEquals(3, c.commit().segments().size());
      for (int q = 0; q < 20; q++) {
        // Every list walked, lossless summaries, heap factor 1: only blocks that cannot hold a better
        // document are skipped, so the answer is the exact top 10.
        StageQuery safe = new StageQuery(Integer.toString(q), 10, null, new SparseParams(400, 1.0), snapshots);
        StageResult r = stage.retrieve(safe);
        Set<String> truth = new HashSet<>(exact(docs, ENCODER.apply(Integer.toString(q)), null, 10));
        assertEquals(truth, new HashSet<>(List.of(r.ranking().ids())), "query " + q + ", seed " + SEED);
      }
      Set<String> allowed = Set.of("doc-1", "doc-2", "doc-250", "not-a-doc");
      Ranking filtered = stage.retrieve(new StageQuery("3", 10, DocFilter.ofIds(allowed), SparseParams.DEFAULTS,
          snapshots)).ranking();
      assertEquals(exact(docs, ENCODER.apply("3"), allowed, 10), List.of(filtered.ids()),
          "a small filter is answered exactly, seed " + SEED);
      assertArrayEquals(docs.get("doc-250").termIds(), stage.documentVector("doc-250").termIds());
      assertNull(stage.documentVector("missing"));
    }
  }

  @Test
  void requestOverridesOnlyTheKnobsItNames() {
    SearchParams base = SearchParams.DEFAULTS;
    assertEquals(base, SparseStage.with(base, SparseParams.DEFAULTS));
    SearchParams p = SparseStage.with(base, new SparseParams(3, null));
    assertEquals(3, p.queryCut());
    assertEquals(base.heapFactor(), p.heapFactor());
    assertEquals(0.9, SparseStage.with(base, new SparseParams(null, 0.9)).heapFactor());
    assertTrue(p.queryCut() != base.queryCut());
  }
}
