package lsr.query.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lsr.data.Document;
import lsr.encoder.ModelSource;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.seismic.SearchParams;
import lsr.query.Bm25Retriever;
import lsr.query.dense.FlatDenseIndex;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.LambdaMart;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrParams;
import lsr.query.ltr.QueryGroup;
import lsr.query.ltr.TextFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchFolderTest {

  private static final long SEED = 99L;
  private static final SearchFolder.Options OPTIONS = new SearchFolder.Options(SearchParams.DEFAULTS, 20, 10,
      FusionMethod.RRF, FusionWeights.EQUAL, 2);
  private static final List<Document> DOCS = List.of(
      new Document("a", "Lists", "remove an element from a list"),
      new Document("b", "Threads", "sleep for a number of milliseconds"),
      new Document("c", "Maps", "put a key and a value into a map"));

  private final StringWriter log = new StringWriter();

  private SearchService open(Path folder) throws IOException {
    return SearchFolder.open(folder, OPTIONS, new PrintWriter(log, true));
  }

  private static List<String> pipelines(SearchService s) {
    return s.pipelines().stream().map(SearchService.PipelineInfo::name).toList();
  }

  @Test
  void growsPipelinesWithTheIndexesPresent(@TempDir Path folder) throws IOException {
    assertThrows(NoSuchFileException.class, () -> open(folder));
    assertThrows(NoSuchFileException.class, () -> open(folder.resolve("absent")));

    Bm25Retriever.build(folder.resolve("bm25"), DOCS.iterator(), TextAnalyzer.DEFAULT, Bm25Params.DEFAULTS).close();
    try (SearchService bm25Only = open(folder)) {
      assertEquals(List.of("bm25"), pipelines(bm25Only));
      SearchResponse r = bm25Only.search(SearchRequest.of("sleep milliseconds"));
      assertEquals("b", r.hits().get(0).id());
      assertEquals("Threads", r.hits().get(0).title(), "texts come from the BM25 index");
    }

    // Dense vectors as lsr index --encoder dense writes them; random, since only the plumbing is tested.
    Path dense = folder.resolve("dense");
    Files.createDirectories(dense);
    Files.writeString(dense.resolve("lsr-index.json"), "{\"encoder\": \"dense\", \"model\": \"bge-small-en-v1.5\"}");
    Random random = new Random(SEED);
    StringBuilder lines = new StringBuilder();
    for (Document d : DOCS) {
      lines.append("{\"id\": \"").append(d.id()).append("\", \"vector\": [");
      for (int i = 0; i < 384; i++) {
        lines.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", random.nextGaussian() / 20));
      }
      lines.append("]}\n");
    }
    Files.writeString(dense.resolve("vectors.jsonl"), lines);
    try (SearchService hybrid = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid"), pipelines(hybrid));
      assertEquals("hybrid", hybrid.defaultPipeline());
      SearchResponse r = hybrid.search(SearchRequest.of("sleep milliseconds"));
      assertEquals(3, r.hits().size(), "dense returns every document");
      assertTrue(r.timingsMs().containsKey("dense.encode"), r.timingsMs().toString());
    }
    assertTrue(Files.isRegularFile(dense.resolve(FlatDenseIndex.FILE_NAME)), "dense index kept for the next start");

    // A reranker for other stages is refused; one for bm25 + dense adds hybrid-ltr.
    modelFor(List.of("bm25", "splade"), folder.resolve("ltr-model.json"));
    try (SearchService skipped = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid"), pipelines(skipped));
      assertTrue(log.toString().contains("ltr-model.json is not used"), log.toString());
    }
    modelFor(List.of("bm25", "dense"), folder.resolve("ltr-model.json"));
    try (SearchService reranking = open(folder)) {
      assertEquals(List.of("bm25", "dense", "hybrid", "hybrid-ltr"), pipelines(reranking));
      assertEquals("hybrid-ltr", reranking.defaultPipeline());
      SearchResponse r = reranking.search(SearchRequest.of("remove from a list"));
      assertTrue(r.hits().get(0).reranked() != null, r.hits().toString());
    }
  }

  @Test
  void anIndexEncodedByAnotherVersionOfItsModelIsRefused() throws IOException {
    ObjectMapper json = new ObjectMapper();
    String fingerprint = ModelSource.resolve("all-minilm-l6-v2-q").fingerprint();
    JsonNode same = json.readTree("{\"model\": \"all-minilm-l6-v2-q\", \"model_sha256\": \"" + fingerprint + "\"}");
    assertEquals(fingerprint, SearchFolder.model(same, Path.of("dense/lsr-index.json")).fingerprint());

    JsonNode other = json.readTree("{\"model\": \"all-minilm-l6-v2-q\", \"model_sha256\": \"" + "0".repeat(64) + "\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SearchFolder.model(other, Path.of("dense/lsr-index.json")));
    assertTrue(e.getMessage().startsWith("dense/lsr-index.json: the index was encoded by another version of the model "
        + "all-minilm-l6-v2-q"), e.getMessage());
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
    LambdaMart.train(groups, names, new LtrParams(5, 0.3, 2, 0, 1, 1, 1, 1, lsr.query.ltr.RankPrior.FUSED_RANK)).save(file);
  }
}
