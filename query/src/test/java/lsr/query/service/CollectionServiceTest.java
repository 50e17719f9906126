package lsr.query.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;
import lsr.index.seismic.SearchParams;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.LambdaMart;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrParams;
import lsr.query.ltr.QueryGroup;
import lsr.query.ltr.TextFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection opened for search: pipelines follow its indexes, hits show stored texts, filters on ids
 * and fields apply, writes are searchable after their commit, and the models its commit records are
 * checked. Random data from {@code -Dlsr.test.seed} (default below).
 */
class CollectionServiceTest {

  private static final long SEED = Long.getLong("lsr.test.seed", 99L);
  private static final String DENSE_MODEL = "all-minilm-l6-v2-q";
  private static final CollectionService.Options OPTIONS = new CollectionService.Options(SearchParams.DEFAULTS,
      Bm25Params.DEFAULTS, 20, 10, FusionMethod.RRF, FusionWeights.EQUAL, 2);
  private static final List<Document> DOCS = List.of(
      new Document("a", "Lists", "remove an element from a list", Map.of("lang", new FieldValue.Text("en"))),
      new Document("b", "Threads", "sleep for a number of milliseconds", Map.of("lang", new FieldValue.Text("en"))),
      new Document("c", "Maps", "put a key and a value into a map", Map.of("lang", new FieldValue.Text("fr"))));

  @TempDir Path dir;
  private final StringWriter log = new StringWriter();

  private CollectionService open(Path folder) throws IOException {
    return CollectionService.open(folder, OPTIONS, new PrintWriter(log, true));
  }

  private static List<String> pipelines(SearchService s) {
    return s.pipelines().stream().map(SearchService.PipelineInfo::name).toList();
  }

  private static SearchRequest request(String query, String pipeline, List<String> ids, JsonNode where) {
    return new SearchRequest(query, 10, pipeline, null, null, null, null, ids, where, null);
  }

  /** A collection with BM25 and dense vectors (random: only the plumbing is tested). */
  private Path bm25AndDense() throws IOException {
    Path folder = dir.resolve("c");
    ModelSource model = ModelSource.resolve(DENSE_MODEL);
    CollectionSettings settings = new CollectionSettings(TextAnalyzer.DEFAULT, List.of(),
        List.of(new CollectionSettings.DenseSpec("dense", ModelReference.describe(model, DENSE_MODEL))), Map.of());
    Random random = new Random(SEED);
    try (Collection c = Collection.create(folder, settings, null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
      for (Document d : DOCS) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) random.nextGaussian() / 20;
        }
        w.add(new IndexedDocument(d, Map.of(), Map.of("dense", v)));
      }
      w.commit(null);
    }
    return folder;
  }

  @Test
  void pipelinesFollowTheCollectionsIndexesAndHitsShowStoredTexts() throws IOException {
    assertThrows(NoSuchFileException.class, () -> open(dir.resolve("absent")));
    Path folder = bm25AndDense();
    try (CollectionService s = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid"), pipelines(s.search()));
      assertEquals("hybrid", s.search().defaultPipeline());
      SearchResponse r = s.search().search(request("sleep milliseconds", "bm25", null, null));
      assertEquals("b", r.hits().get(0).id());
      assertEquals("Threads", r.hits().get(0).title());
      SearchResponse hybrid = s.search().search(SearchRequest.of("sleep milliseconds"));
      assertEquals(3, hybrid.hits().size(), "dense returns every document");
      assertTrue(hybrid.timingsMs().containsKey("dense.encode"), hybrid.timingsMs().toString());
    }

    // A reranker for other stages is refused; one for bm25 + dense adds hybrid-ltr.
    modelFor(List.of("bm25", "splade"), CollectionFormat.ltrModel(folder));
    try (CollectionService skipped = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid"), pipelines(skipped.search()));
      assertTrue(log.toString().contains("ltr-model.json is not used"), log.toString());
    }
    modelFor(List.of("bm25", "dense"), CollectionFormat.ltrModel(folder));
    try (CollectionService reranking = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid", "hybrid-ltr"), pipelines(reranking.search()));
      SearchResponse r = reranking.search().search(SearchRequest.of("remove from a list"));
      assertTrue(r.hits().get(0).reranked() != null, r.hits().toString());
    }
  }

  @Test
  void filtersOnIdsAndFieldsApplyAndWritesAreSearchableAfterTheirCommit() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (CollectionService s = open(bm25AndDense())) {
      SearchResponse french = s.search().search(request("a map or a list", "hybrid", null,
          json.readTree("{\"lang\": \"fr\"}")));
      assertEquals(List.of("c"), french.hits().stream().map(SearchResponse.Hit::id).toList());
      SearchResponse byId = s.search().search(request("a map or a list", "bm25", List.of("a", "zzz"), null));
      assertEquals(List.of("a"), byId.hits().stream().map(SearchResponse.Hit::id).toList());
      ServiceException bad = assertThrows(ServiceException.class, () -> s.search().search(
          request("x", null, null, json.readTree("{\"lang\": {\"gte\": 3}}"))));
      assertTrue(bad.getMessage().contains("lang"), bad.getMessage());

      CollectionWriter w = s.openWriter("test", CollectionWriter.Options.DEFAULTS);
      float[] v = new float[384];
      v[0] = 1;
      w.add(new IndexedDocument(new Document("d", "Sets", "a set holds no element twice"), Map.of(),
          Map.of("dense", v)));
      w.delete("b");
      SearchResponse before = s.search().search(request("set element", "bm25", null, null));
      assertTrue(before.hits().stream().noneMatch(h -> h.id().equals("d")), "not searchable before the commit");
      w.commit(null);
      SearchResponse after = s.search().search(request("set element", "bm25", null, null));
      assertEquals("d", after.hits().get(0).id());
      assertEquals("Sets", after.hits().get(0).title());
      SearchResponse sleep = s.search().search(request("sleep milliseconds", "bm25", null, null));
      assertTrue(sleep.hits().stream().noneMatch(h -> h.id().equals("b")), "deleted: " + sleep.hits());
    }
  }

  @Test
  void vectorsEncodedByAnotherVersionOfTheirModelAreRefused() throws IOException {
    ObjectMapper json = new ObjectMapper();
    String fingerprint = ModelSource.resolve(DENSE_MODEL).fingerprint();
    JsonNode same = json.readTree("{\"model\": \"" + DENSE_MODEL + "\", \"modelSha256\": \"" + fingerprint + "\"}");
    assertEquals(fingerprint, ModelReference.resolve(same, "c dense index dense").fingerprint());
    // The name earlier lsr versions wrote is still read.
    JsonNode older = json.readTree("{\"model\": \"" + DENSE_MODEL + "\", \"model_sha256\": \"" + "0".repeat(64) + "\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelReference.resolve(older, "c dense index dense"));
    assertTrue(e.getMessage().startsWith("c dense index dense: the vectors were encoded by another version of the"
        + " model " + DENSE_MODEL), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ModelReference.resolve(json.readTree("{}"), "c sparse index sparse"));
    assertTrue(none.getMessage().contains("--model"), none.getMessage());
  }

  /** A small model over the features of a hybrid of {@code stages} with text features. */
  private static void modelFor(List<String> stages, Path file) throws IOException {
    lsr.query.ltr.DocumentVectors none = new lsr.query.ltr.DocumentVectors() {
      @Override
      public float[] dense(String stage, String docId) {
        return null;
      }

      @Override
      public lsr.data.SparseVector sparse(String stage, String docId) {
        return null;
      }
    };
    List<String> names = new LtrFeatures(stages, new TextFeatures(null, null, null), none).names();
    Random random = new Random(SEED);
    List<QueryGroup> groups = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      float[][] rows = new float[5][names.size()];
      float[] labels = new float[5];
      for (int i = 0; i < 5; i++) {
        for (int f = 0; f < names.size(); f++) {
          rows[i][f] = random.nextFloat();
        }
        labels[i] = rows[i][0] > 0.5f ? 1 : 0;
      }
      labels[0] = 1;
      groups.add(new QueryGroup("q" + q, new String[] {"1", "2", "3", "4", "5"}, rows, labels));
    }
    LambdaMart.train(groups, names, new LtrParams(5, 0.3, 2, 0, 1, 1, 1, 1, lsr.query.ltr.RankPrior.FUSED_RANK))
        .save(file);
  }
}
