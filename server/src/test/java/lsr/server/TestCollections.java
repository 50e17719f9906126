package lsr.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import lsr.index.bm25.Bm25Params;
import lsr.index.collection.CollectionWriter;
import lsr.index.seismic.SearchParams;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.LtrReranker;
import lsr.query.pipeline.Pipeline;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.CollectionService;

/**
 * Real collections for the tests: registries over a data folder, and a six-document collection
 * ({@link #TOY_DOCUMENTS}) with metadata fields and ready SPLADE vectors, so that which terms a hit
 * shares with a query does not depend on the tiny fixture model's random weights (queries are
 * encoded by it).
 */
final class TestCollections {

  /** The encoder module's tiny SPLADE model (a 91-token vocabulary, random weights). */
  static final Path SPARSE_FIXTURE =
      Path.of("../encoder/src/test/resources/lsr/encoder/fixture/splade-pooled").toAbsolutePath().normalize();

  static final CollectionService.Options SEARCH = new CollectionService.Options(SearchParams.DEFAULTS,
      Bm25Params.DEFAULTS, Pipeline.DEFAULT_DEPTH, LtrReranker.DEFAULT_DEPTH, FusionMethod.RRF, FusionWeights.EQUAL, 4);

  /** Settings of a collection with BM25 and a sparse index "splade" over the fixture model. */
  static String sparseSettings() {
    return "{\"encoders\": [{\"type\": \"splade\", \"model\": " + Api.JSON.valueToTree(sparseFixture()) + "}]}";
  }

  /** The fixture model's folder; skips the calling test when it is not there. */
  static String sparseFixture() {
    assumeTrue(Files.isDirectory(SPARSE_FIXTURE), "skipped: the sparse fixture model " + SPARSE_FIXTURE
        + " is not there; run the tests from the repository (module folder as working directory)");
    return SPARSE_FIXTURE.toString();
  }

  /** Six documents for {@code POST /documents} of a collection with a sparse index "splade". */
  static final String TOY_DOCUMENTS = """
      [
        {"id": "d1", "title": "Sparse retrieval", "text": "Learned sparse retrieval expands documents with related terms.",
         "fields": {"lang": "en", "tags": ["ir", "sparse"], "year": 2021},
         "vector": {"sparse": 2, "retrieval": 1.5, "learned": 1, "document": 0.5}},
        {"id": "d2", "title": "Dense retrieval", "text": "Dense retrieval embeds queries and documents as vectors.",
         "fields": {"lang": "en", "tags": ["ir", "dense"], "year": 2020},
         "vector": {"dense": 2, "retrieval": 1, "vector": 1}},
        {"id": "d3", "title": "Inverted indexes", "text": "An inverted index maps each term to the documents that contain it.",
         "fields": {"lang": "en", "tags": ["ir"], "year": 1995},
         "vector": {"index": 1, "term": 1}},
        {"id": "d4", "title": "Cooking", "text": "Boil the pasta in salted water.",
         "fields": {"lang": "it", "tags": ["food"], "year": 1990},
         "vector": {"long": 1}},
        {"id": "d5", "title": "Fusion", "text": "Reciprocal rank fusion combines sparse and dense retrieval rankings.",
         "fields": {"lang": "en", "tags": ["ir", "fusion"], "year": 2009},
         "vector": {"sparse": 1, "dense": 1, "retrieval": 0.5}},
        {"id": "d6", "title": "Seismic", "text": "Seismic blocks posting lists and summarizes each block for sparse retrieval.",
         "fields": {"lang": "en", "tags": ["ir", "sparse"], "year": 2024},
         "vector": {"sparse": 1, "retrieval": 0.5, "index": 0.5}}
      ]""";

  /** A registry over {@code data} (the first collection by name is the default). */
  static CollectionRegistry registry(Path data) throws IOException {
    return registry(data, CollectionWriter.Options.DEFAULTS);
  }

  static CollectionRegistry registry(Path data, CollectionWriter.Options writer) throws IOException {
    return CollectionRegistry.ofDataFolder(data, null, SEARCH, writer, new PrintWriter(System.err, true));
  }

  /** Creates collection {@code name} through the API with BM25, the sparse fixture and the toy documents. */
  static void createToy(Api api, String name) throws Exception {
    Api.ok(api.put("/v1/collections/" + name, sparseSettings()));
    Api.ok(api.post("/v1/collections/" + name + "/documents", TOY_DOCUMENTS));
  }

  private TestCollections() {}
}
