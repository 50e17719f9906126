package lsr.server;

import static lsr.server.Api.errorCode;
import static lsr.server.Api.json;
import static lsr.server.Api.ok;
import static lsr.server.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lsr.data.SparseVector;
import lsr.encoder.TextKind;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.SearchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of one collection ({@code /v1/search}, encode, indexes, health, stats), the OpenAPI
 * document and the page, over HTTP in-process, answering from the default collection of a real
 * registry: a collection with BM25 and the sparse fixture model, fed through the API.
 */
class LsrServerTest {

  @TempDir static Path sharedData;
  @TempDir Path data;

  /** One server over the toy collection for the tests that need no special set-up. */
  private static CollectionRegistry sharedRegistry;
  private static Javalin shared;
  private static Api api;

  private CollectionRegistry registry;
  private Javalin app;

  @BeforeAll
  static void startShared() throws Exception {
    TestCollections.sparseFixture();
    sharedRegistry = TestCollections.registry(sharedData);
    shared = LsrServer.create(sharedRegistry, new ServerOptions(4096, 1000)).start("127.0.0.1", 0);
    api = new Api(shared.port());
    TestCollections.createToy(api, "toy");
  }

  @AfterAll
  static void stopShared() throws IOException {
    if (shared != null) {
      shared.stop();
    }
    if (sharedRegistry != null) {
      sharedRegistry.close();
    }
  }

  private Api start(CollectionRegistry r, ServerOptions options) {
    registry = r;
    app = LsrServer.create(r, options).start("127.0.0.1", 0);
    return new Api(app.port());
  }

  @AfterEach
  void stop() throws IOException {
    if (app != null) {
      app.stop();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void getSearchAnswersHitsWithStageScoresAndTimings() throws Exception {
    HttpResponse<String> r = api.get("/v1/search?query=" + q("sparse retrieval") + "&k=3");
    JsonNode body = ok(r);
    assertEquals("hybrid", body.get("pipeline").asText());
    assertEquals(3, body.get("hits").size());
    JsonNode top = body.get("hits").get(0);
    assertEquals(1, top.get("rank").asInt());
    assertEquals("d1", top.get("id").asText(), body.toString());
    assertTrue(top.get("stages").has("splade") && top.get("stages").has("bm25"), top.toString());
    assertEquals("Sparse retrieval", top.get("title").asText());
    assertTrue(top.has("fused") && top.get("text").asText().startsWith("Learned sparse"), top.toString());
    assertFalse(top.has("terms"), "terms only when explain is asked");
    for (String step : List.of("bm25.search", "splade.encode", "splade.search", "fusion", "total")) {
      assertTrue(body.get("timingsMs").has(step), step + " in " + body.get("timingsMs"));
    }
  }

  @Test
  void postSearchTakesPipelineFusionWeightsFilterWhereAndExplain() throws Exception {
    JsonNode hits = ok(api.post("/v1/search", """
        {"query": "sparse retrieval", "k": 5, "pipeline": "hybrid", "fusion": "zscore",
         "weights": {"bm25": 0.2}, "filter": ["d2", "d4", "d5", "d6"], "where": {"lang": "en"}, "explain": true}""")).get("hits");
    Set<String> ids = new HashSet<>();
    hits.forEach(h -> ids.add(h.get("id").asText()));
    assertEquals(Set.of("d2", "d5", "d6"), ids, "d4 is Italian");
    for (JsonNode hit : hits) {
      JsonNode terms = hit.get("terms");
      assertTrue(terms.size() >= 1, hit.toString());
      assertEquals("splade", terms.get(0).get("stage").asText());
      assertTrue(terms.get(0).get("contribution").asDouble() > 0);
      assertTrue(terms.get(0).get("term").asText().matches("retrieval|index|document"),
          "only terms of the document's ready vector: " + terms);
    }
  }

  @Test
  void singleStagePipelineByName() throws Exception {
    JsonNode body = ok(api.get("/v1/search?query=" + q("pasta water") + "&pipeline=bm25"));
    assertEquals("d4", body.get("hits").get(0).get("id").asText());
    assertEquals(1, body.get("hits").size(), body.toString());
    assertFalse(body.get("hits").get(0).has("fused"));
  }

  @Test
  void whereIsAJsonObjectInGetParameters() throws Exception {
    JsonNode body = ok(api.get("/v1/search?pipeline=bm25&query=retrieval&where=" + q("{\"year\": {\"gte\": 2020}}")));
    Set<String> ids = new HashSet<>();
    body.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    assertEquals(Set.of("d1", "d2", "d6"), ids);
    assertEquals("invalid_parameter", errorCode(api.get("/v1/search?query=x&where=" + q("{\"year\": ")), 400));
    assertEquals("invalid_parameter", errorCode(api.get("/v1/search?query=x&where=" + q("[1]")), 400));
    assertEquals("invalid_where", errorCode(api.get("/v1/search?query=x&where=" + q("{\"year\": true}")), 400));
  }

  @Test
  void badRequestsGetTheirOwnCodes() throws Exception {
    assertEquals("missing_query", errorCode(api.get("/v1/search"), 400));
    assertEquals("missing_query", errorCode(api.post("/v1/search", "{\"k\": 3}"), 400));
    assertEquals("k_out_of_range", errorCode(api.get("/v1/search?query=x&k=0"), 400));
    assertEquals("k_out_of_range", errorCode(api.get("/v1/search?query=x&k=5000"), 400));
    assertEquals("invalid_parameter", errorCode(api.get("/v1/search?query=x&k=ten"), 400));
    assertEquals("unknown_pipeline", errorCode(api.get("/v1/search?query=x&pipeline=nope"), 400));
    assertEquals("unknown_fusion", errorCode(api.get("/v1/search?query=x&fusion=borda"), 400));
    assertEquals("invalid_request", errorCode(api.get("/v1/search?query=x&weights=dense:1"), 400));
    assertEquals("invalid_sparse_params", errorCode(api.get("/v1/search?query=x&heapFactor=2"), 400));
    assertEquals("unknown_field", errorCode(api.get("/v1/search?query=x&kk=3"), 400));
    assertEquals("malformed_json", errorCode(api.post("/v1/search", "{\"query\": "), 400));
    assertEquals("invalid_body", errorCode(api.post("/v1/search", "[1, 2]"), 400));
    assertEquals("invalid_field", errorCode(api.post("/v1/search", "{\"query\": \"x\", \"k\": \"3\"}"), 400));
    assertEquals("unknown_field", errorCode(api.post("/v1/search", "{\"query\": \"x\", \"top\": 3}"), 400));
    assertEquals("missing_body", errorCode(api.post("/v1/search", ""), 400));
    String big = "{\"query\": \"" + "a".repeat(5000) + "\"}";
    assertEquals("body_too_large", errorCode(api.post("/v1/search", big), 413));
    assertEquals("not_found", errorCode(api.get("/v1/nothing"), 404));
    assertEquals("method_not_allowed", errorCode(api.delete("/v1/search"), 405));
  }

  @Test
  void withoutCollectionsSearchAnswers404AndHealthStillAnswers() throws Exception {
    Api empty = start(TestCollections.registry(data), ServerOptions.DEFAULTS);
    assertEquals("no_collection", errorCode(empty.get("/v1/search?query=x"), 404));
    assertEquals("no_collection", errorCode(empty.post("/v1/search", "{\"query\": \"x\"}"), 404));
    assertEquals("no_collection", errorCode(empty.get("/v1/indexes"), 404));
    assertEquals("no_collection", errorCode(empty.post("/v1/encode", "{\"text\": \"x\"}"), 404));
    JsonNode health = ok(empty.get("/v1/health"));
    assertEquals("ok", health.get("status").asText());
    assertEquals(0, health.get("collections").asInt());
    assertEquals(0, ok(empty.get("/v1/collections")).get("collections").size());
  }

  @Test
  void failuresAnswer500WithoutInternals() throws Exception {
    CollectionRegistry r = TestCollections.registry(data);
    Api broken = start(r, ServerOptions.DEFAULTS);
    ok(broken.put("/v1/collections/c", "{}"));
    ok(broken.post("/v1/collections/c/documents", "[{\"id\": \"a\", \"text\": \"some text\"}]"));
    r.get("c").collection().close(); // the collection fails under the server: it answers "... is closed"
    HttpResponse<String> resp = broken.get("/v1/search?query=text");
    assertEquals("internal_error", errorCode(resp, 500));
    assertTrue(Api.errorMessage(resp).matches("the server failed to answer; error id [0-9a-f-]{36} is in its log"), resp.body());
    assertFalse(resp.body().contains(data.toString()) || resp.body().contains("closed") || resp.body().contains("Exception"),
        resp.body());
  }

  @Test
  void refusesWithRetryAfterWhenEverySearcherStaysBusy() throws Exception {
    // Only a stage that blocks can hold the one searcher for the whole queue timeout; real
    // searches of a test collection are far too fast, so the route is given this service.
    CountDownLatch release = new CountDownLatch(1);
    SearchService blocking = SearchService.builder().pipeline(Pipeline.single(blockingStage(release), 10))
        .maxConcurrent(1).queueTimeoutMillis(50).build();
    registry = TestCollections.registry(data);
    app = LsrServer.create(registry, name -> blocking, ServerOptions.DEFAULTS).start("127.0.0.1", 0);
    Api busy = new Api(app.port());
    ok(busy.put("/v1/collections/c", "{}"));
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
      try {
        return busy.get("/v1/search?query=a");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (blocking.running() == 0) {
      Thread.sleep(10);
    }
    HttpResponse<String> second = busy.get("/v1/search?query=b");
    release.countDown();
    assertEquals("overloaded", errorCode(second, 503));
    assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void gracefulStopFinishesAWriteInFlightAndTakesNoNewRequest() throws Exception {
    CollectionRegistry r = TestCollections.registry(data);
    Api a = start(r, ServerOptions.DEFAULTS);
    ok(a.put("/v1/collections/c", "{}"));
    // The body arrives in two parts, and the server is stopped between them.
    CountDownLatch headSent = new CountDownLatch(1);
    CountDownLatch sendTail = new CountDownLatch(1);
    InputStream body = new SequenceInputStream(
        new ByteArrayInputStream("[{\"id\": \"a\", \"text\": \"first\"},".getBytes(StandardCharsets.UTF_8)),
        new InputStream() {
          private final InputStream tail =
              new ByteArrayInputStream("{\"id\": \"b\", \"text\": \"second\"}]".getBytes(StandardCharsets.UTF_8));

          @Override
          public int read() throws IOException {
            headSent.countDown();
            try {
              sendTail.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return tail.read();
          }
        });
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
        a.request("/v1/collections/c/documents").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(headSent.await(10, TimeUnit.SECONDS));
    Thread.sleep(200); // the server reads the head and waits in the handler for the rest
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::stop);
    app = null;
    // Once stopping, the server answers no new request (refused, or left waiting until stopped).
    HttpClient fresh = HttpClient.newHttpClient();
    boolean unanswered = false;
    for (int i = 0; i < 100 && !unanswered; i++) {
      try {
        fresh.send(a.request("/v1/health").timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(50);
      } catch (IOException e) {
        unanswered = true;
      }
    }
    assertTrue(unanswered, "the stopping server still answers new requests");
    sendTail.countDown();
    HttpResponse<String> written = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(2, ok(written).get("items").size(), written.body());
    stopped.get(10, TimeUnit.SECONDS);
    assertEquals("second", r.document("c", "b").text(), "the write in flight is committed");
  }

  private static RetrievalStage blockingStage(CountDownLatch release) {
    return new RetrievalStage() {
      @Override
      public String name() {
        return "blocking";
      }

      @Override
      public StageResult retrieve(StageQuery query) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new StageResult(new Ranking(new String[] {query.text()}, new float[] {1}), 0, 1, null);
      }
    };
  }

  @Test
  void encodeListsTheModelsTermWeights() throws Exception {
    JsonNode body = ok(api.post("/v1/encode", "{\"text\": \"sparse sparse retrieval\"}"));
    assertEquals("splade", body.get("encoder").asText());
    assertEquals("query", body.get("kind").asText());
    SparseVector expected = sharedRegistry.get("toy").encoders().sparse("splade")
        .encode(List.of("sparse sparse retrieval"), TextKind.QUERY).get(0);
    JsonNode terms = body.get("terms");
    assertEquals(expected.size(), terms.size());
    for (int i = 1; i < terms.size(); i++) {
      assertTrue(terms.get(i - 1).get("weight").asDouble() >= terms.get(i).get("weight").asDouble(), "largest first");
    }
    assertEquals("missing_text", errorCode(api.post("/v1/encode", "{}"), 400));
    assertEquals("unknown_encoder", errorCode(api.post("/v1/encode", "{\"text\": \"a\", \"encoder\": \"x\"}"), 400));
    assertEquals("unknown_kind", errorCode(api.post("/v1/encode", "{\"text\": \"a\", \"kind\": \"doc\"}"), 400));
  }

  @Test
  void indexesHealthAndStatsDescribeTheServer() throws Exception {
    Api own = start(TestCollections.registry(data), ServerOptions.DEFAULTS);
    TestCollections.createToy(own, "toy");
    ok(own.get("/v1/search?query=sparse"));
    ok(own.get("/v1/search?query=dense&pipeline=splade"));
    ok(own.get("/v1/collections/toy/search?query=dense&pipeline=splade"));
    errorCode(own.get("/v1/search?k=0&query=x"), 400);
    JsonNode indexes = ok(own.get("/v1/indexes"));
    List<String> names = new ArrayList<>();
    indexes.get("indexes").forEach(i -> names.add(i.get("name").asText()));
    assertEquals(List.of("bm25", "splade"), names);
    List<String> pipelines = new ArrayList<>();
    indexes.get("pipelines").forEach(p -> pipelines.add(p.get("name").asText()));
    assertEquals(List.of("bm25", "hybrid", "splade"), pipelines);
    assertEquals("[\"splade\"]", indexes.get("encoders").toString());
    JsonNode health = ok(own.get("/v1/health"));
    assertEquals("ok", health.get("status").asText());
    assertEquals("toy", health.get("defaultCollection").asText());
    assertEquals("hybrid", health.get("defaultPipeline").asText());
    JsonNode stats = ok(own.get("/v1/stats"));
    JsonNode toy = stats.get("searches").get("toy");
    assertEquals(1, toy.get("hybrid").get("count").asInt(), stats.toString());
    assertEquals(2, toy.get("splade").get("count").asInt(), stats.toString());
    assertTrue(toy.get("hybrid").get("p99Ms").asDouble() > 0);
    assertTrue(stats.get("requests").get("2xx").asInt() >= 5, stats.toString());
    assertEquals(1, stats.get("requests").get("4xx").asInt(), stats.toString());
    assertEquals(TestCollections.SEARCH.maxConcurrent(), stats.get("searchers").get("toy").get("size").asInt());
  }

  @Test
  void openApiDocumentsExactlyTheRoutes() throws Exception {
    JsonNode doc = ok(api.get("/openapi.json"));
    assertTrue(doc.get("openapi").asText().startsWith("3.1"));
    Set<String> documented = new HashSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
    assertEquals(Set.copyOf(LsrServer.ROUTES), documented);
    for (String path : List.of("/v1/search", "/v1/collections/{name}/search")) {
      Set<String> params = new HashSet<>();
      doc.get("paths").get(path).get("get").get("parameters").forEach(p -> params.add(resolve(doc, p).get("name").asText()));
      params.remove("name");
      assertEquals(SearchRequests.FIELDS, params, path);
    }
    Set<String> bodyFields = new HashSet<>();
    doc.at("/components/schemas/SearchRequest/properties").fieldNames().forEachRemaining(bodyFields::add);
    assertEquals(SearchRequests.FIELDS, bodyFields);
    Set<String> documentFields = new HashSet<>();
    doc.at("/components/schemas/DocumentInput/properties").fieldNames().forEachRemaining(documentFields::add);
    assertEquals(DocumentRequests.FIELDS, documentFields);
    Set<String> settingsFields = new HashSet<>();
    doc.at("/components/schemas/CollectionSettingsRequest/properties").fieldNames().forEachRemaining(settingsFields::add);
    assertEquals(SettingsRequests.FIELDS, settingsFields);
    // Every reference points at something.
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      assertFalse(doc.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
    }
  }

  private static JsonNode resolve(JsonNode doc, JsonNode node) {
    return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  @Test
  void servesTheSearchPage() throws Exception {
    HttpResponse<String> page = api.get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("id=\"search-form\"") && page.body().contains("id=\"collection\""));
    assertEquals(200, api.get("/app.js").statusCode());
  }
}
