package lsr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import lsr.query.service.IndexInfo;
import lsr.query.service.SearchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LsrServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin app;
  private String base;

  private static SearchService.Builder toyService() {
    RetrievalStage sparse = new ToyCollection.SparseStage("sparse");
    RetrievalStage lexical = new ToyCollection.LexicalStage();
    return SearchService.builder()
        .pipeline(new Pipeline("hybrid", List.of(lexical, sparse), FusionMethod.RRF, FusionWeights.EQUAL, 10, null))
        .pipeline(Pipeline.single(sparse, 10))
        .documents(ToyCollection.store())
        .encoder("sparse", (text, asQuery) -> ToyCollection.encode(text))
        .index(new IndexInfo("sparse", "toy", 6, java.util.Map.of()));
  }

  private void start(SearchService service, ServerOptions options) {
    app = LsrServer.create(service, options).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  /** One server over the toy service for the tests that need no special set-up. */
  private static Javalin shared;

  @BeforeAll
  static void startShared() {
    shared = LsrServer.create(toyService().build(), new ServerOptions(2048, 1000)).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stopShared() {
    shared.stop();
  }

  private void useShared() {
    base = "http://127.0.0.1:" + shared.port();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Asserts the one error body format and returns its code. */
  private static String errorCode(HttpResponse<String> r, int status) throws IOException {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    JsonNode e = json(r).get("error");
    assertEquals(status, e.get("status").asInt());
    assertFalse(e.get("message").asText().isBlank());
    return e.get("code").asText();
  }

  @Test
  void getSearchAnswersHitsWithStageScoresAndTimings() throws Exception {
    useShared();
    HttpResponse<String> r = get("/v1/search?query=" + q("sparse retrieval") + "&k=3");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("hybrid", body.get("pipeline").asText());
    assertEquals(3, body.get("hits").size());
    JsonNode top = body.get("hits").get(0);
    assertEquals(1, top.get("rank").asInt());
    assertTrue(top.get("stages").has("sparse") && top.get("stages").has("lexical"), top.toString());
    assertTrue(top.has("fused") && top.has("text") && top.has("title"), top.toString());
    assertFalse(top.has("terms"), "terms only when explain is asked");
    for (String step : List.of("lexical.search", "sparse.encode", "sparse.search", "fusion", "total")) {
      assertTrue(body.get("timingsMs").has(step), step + " in " + body.get("timingsMs"));
    }
  }

  @Test
  void postSearchTakesPipelineFusionWeightsFilterAndExplain() throws Exception {
    useShared();
    HttpResponse<String> r = post("/v1/search", """
        {"query": "sparse retrieval", "k": 5, "pipeline": "hybrid", "fusion": "zscore",
         "weights": {"lexical": 0.2}, "filter": ["d2", "d5", "d6"], "explain": true}""");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode hits = json(r).get("hits");
    Set<String> ids = new HashSet<>();
    hits.forEach(h -> ids.add(h.get("id").asText()));
    assertEquals(Set.of("d2", "d5", "d6"), ids);
    JsonNode terms = hits.get(0).get("terms");
    assertTrue(terms.size() >= 1, hits.get(0).toString());
    assertEquals("sparse", terms.get(0).get("stage").asText());
    assertTrue(terms.get(0).get("contribution").asDouble() > 0);
  }

  @Test
  void singleStagePipelineByName() throws Exception {
    useShared();
    JsonNode body = json(get("/v1/search?query=pasta&pipeline=sparse"));
    assertEquals("d4", body.get("hits").get(0).get("id").asText());
    assertFalse(body.get("hits").get(0).has("fused"));
  }

  @Test
  void badRequestsGetTheirOwnCodes() throws Exception {
    useShared();
    assertEquals("missing_query", errorCode(get("/v1/search"), 400));
    assertEquals("missing_query", errorCode(post("/v1/search", "{\"k\": 3}"), 400));
    assertEquals("k_out_of_range", errorCode(get("/v1/search?query=x&k=0"), 400));
    assertEquals("k_out_of_range", errorCode(get("/v1/search?query=x&k=5000"), 400));
    assertEquals("invalid_parameter", errorCode(get("/v1/search?query=x&k=ten"), 400));
    assertEquals("unknown_pipeline", errorCode(get("/v1/search?query=x&pipeline=nope"), 400));
    assertEquals("unknown_fusion", errorCode(get("/v1/search?query=x&fusion=borda"), 400));
    assertEquals("invalid_request", errorCode(get("/v1/search?query=x&weights=dense:1"), 400));
    assertEquals("invalid_sparse_params", errorCode(get("/v1/search?query=x&heapFactor=2"), 400));
    assertEquals("unknown_field", errorCode(get("/v1/search?query=x&kk=3"), 400));
    assertEquals("malformed_json", errorCode(post("/v1/search", "{\"query\": "), 400));
    assertEquals("invalid_body", errorCode(post("/v1/search", "[1, 2]"), 400));
    assertEquals("invalid_field", errorCode(post("/v1/search", "{\"query\": \"x\", \"k\": \"3\"}"), 400));
    assertEquals("unknown_field", errorCode(post("/v1/search", "{\"query\": \"x\", \"top\": 3}"), 400));
    assertEquals("missing_body", errorCode(post("/v1/search", ""), 400));
    String big = "{\"query\": \"" + "a".repeat(4000) + "\"}";
    assertEquals("body_too_large", errorCode(post("/v1/search", big), 413));
    assertEquals("not_found", errorCode(get("/v1/nothing"), 404));
    HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/search")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("method_not_allowed", errorCode(delete, 405));
  }

  @Test
  void failuresAnswer500WithoutInternals() throws Exception {
    RetrievalStage broken = new RetrievalStage() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public StageResult retrieve(StageQuery query) {
        throw new IllegalStateException("secret internal detail at /var/lib/index");
      }
    };
    start(SearchService.builder().pipeline(Pipeline.single(broken, 10)).build(), ServerOptions.DEFAULTS);
    HttpResponse<String> r = get("/v1/search?query=x");
    assertEquals("internal_error", errorCode(r, 500));
    assertFalse(r.body().contains("secret") || r.body().contains("Exception") || r.body().contains("lsr."), r.body());
  }

  @Test
  void refusesWithRetryAfterWhenEverySearcherStaysBusy() throws Exception {
    RetrievalStage slow = slowStage(600);
    start(SearchService.builder().pipeline(Pipeline.single(slow, 10)).maxConcurrent(1).queueTimeoutMillis(50).build(),
        ServerOptions.DEFAULTS);
    CompletableFuture<HttpResponse<String>> first = http.sendAsync(
        HttpRequest.newBuilder(URI.create(base + "/v1/search?query=a")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    HttpResponse<String> second = get("/v1/search?query=b");
    assertEquals("overloaded", errorCode(second, 503));
    assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
    assertEquals(200, first.get().statusCode());
  }

  @Test
  void gracefulStopFinishesRequestsInFlight() throws Exception {
    start(SearchService.builder().pipeline(Pipeline.single(slowStage(800), 10)).build(), ServerOptions.DEFAULTS);
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
        HttpRequest.newBuilder(URI.create(base + "/v1/search?query=a")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    app.stop();
    app = null;
    HttpResponse<String> r = inFlight.get();
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("a", json(r).get("hits").get(0).get("id").asText());
    HttpClient fresh = HttpClient.newHttpClient();
    assertTrue(assertThrowsIo(() -> fresh.send(HttpRequest.newBuilder(URI.create(base + "/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString())), "the stopped server still answers");
  }

  private interface IoCall {
    void run() throws Exception;
  }

  private static boolean assertThrowsIo(IoCall call) {
    try {
      call.run();
      return false;
    } catch (IOException e) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static RetrievalStage slowStage(long millis) {
    return new RetrievalStage() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public StageResult retrieve(StageQuery query) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new StageResult(new lsr.query.fusion.Ranking(new String[] {query.text()}, new float[] {1}), 0, millis * 1000, null);
      }
    };
  }

  @Test
  void encodeListsTermWeights() throws Exception {
    useShared();
    HttpResponse<String> r = post("/v1/encode", "{\"text\": \"sparse sparse retrieval\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode terms = json(r).get("terms");
    assertEquals("sparse", terms.get(0).get("term").asText());
    assertEquals(2.0, terms.get(0).get("weight").asDouble());
    assertEquals("missing_text", errorCode(post("/v1/encode", "{}"), 400));
    assertEquals("unknown_encoder", errorCode(post("/v1/encode", "{\"text\": \"a\", \"encoder\": \"x\"}"), 400));
    assertEquals("unknown_kind", errorCode(post("/v1/encode", "{\"text\": \"a\", \"kind\": \"doc\"}"), 400));
  }

  @Test
  void indexesHealthAndStatsDescribeTheServer() throws Exception {
    start(toyService().build(), ServerOptions.DEFAULTS);
    get("/v1/search?query=sparse");
    get("/v1/search?query=dense&pipeline=sparse");
    get("/v1/search?k=0&query=x");
    JsonNode indexes = json(get("/v1/indexes"));
    assertEquals("sparse", indexes.get("indexes").get(0).get("name").asText());
    List<String> pipelines = new ArrayList<>();
    indexes.get("pipelines").forEach(p -> pipelines.add(p.get("name").asText()));
    assertEquals(List.of("hybrid", "sparse"), pipelines);
    assertEquals("ok", json(get("/v1/health")).get("status").asText());
    JsonNode stats = json(get("/v1/stats"));
    assertEquals(1, stats.get("searches").get("hybrid").get("count").asInt());
    assertEquals(1, stats.get("searches").get("sparse").get("count").asInt());
    assertTrue(stats.get("searches").get("hybrid").get("p99Ms").asDouble() > 0);
    assertTrue(stats.get("requests").get("2xx").asInt() >= 3, stats.toString());
    assertEquals(1, stats.get("requests").get("4xx").asInt(), stats.toString());
    assertEquals(Runtime.getRuntime().availableProcessors(), stats.get("searchers").get("size").asInt());
  }

  @Test
  void openApiDocumentsExactlyTheRoutes() throws Exception {
    useShared();
    JsonNode doc = json(get("/openapi.json"));
    assertTrue(doc.get("openapi").asText().startsWith("3."));
    Set<String> documented = new HashSet<>();
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
    assertEquals(Set.copyOf(LsrServer.ROUTES), documented);
    Set<String> params = new HashSet<>();
    doc.at("/paths/~1v1~1search/get/parameters").forEach(p -> params.add(p.get("name").asText()));
    assertEquals(SearchRequests.FIELDS, params);
    Set<String> bodyFields = new HashSet<>();
    doc.at("/components/schemas/SearchRequest/properties").fieldNames().forEachRemaining(bodyFields::add);
    assertEquals(SearchRequests.FIELDS, bodyFields);
  }

  @Test
  void servesTheSearchPage() throws Exception {
    useShared();
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("id=\"search-form\""));
    assertEquals(200, get("/app.js").statusCode());
  }
}
