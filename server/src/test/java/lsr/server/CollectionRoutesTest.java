package lsr.server;

import static lsr.server.Api.errorCode;
import static lsr.server.Api.errorMessage;
import static lsr.server.Api.ok;
import static lsr.server.Api.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.data.SparseVector;
import lsr.encoder.TextKind;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionWriter;
import lsr.query.service.CollectionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes under {@code /v1/collections} over real collections in a temporary data folder:
 * creating, listing, describing and deleting collections; adding (JSON array and NDJSON), reading,
 * replacing and deleting documents, searchable as soon as they are answered; metadata filters; ready
 * vectors; and every refusal with its status and code.
 */
class CollectionRoutesTest {

  @TempDir Path data;
  private CollectionRegistry registry;
  private Javalin app;
  private Api api;

  private void start(ServerOptions options) throws IOException {
    registry = TestCollections.registry(data);
    app = LsrServer.create(registry, options).start("127.0.0.1", 0);
    api = new Api(app.port());
  }

  private void start() throws IOException {
    start(ServerOptions.DEFAULTS);
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

  private List<String> searchIds(String collection, String query) throws Exception {
    JsonNode hits = ok(api.post("/v1/collections/" + collection + "/search",
        "{\"query\": " + Api.JSON.valueToTree(query) + ", \"k\": 100}")).get("hits");
    List<String> ids = new ArrayList<>();
    hits.forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  private long documents(String collection) throws Exception {
    return ok(api.get("/v1/collections/" + collection)).get("documents").asLong();
  }

  private static List<String> results(JsonNode write) {
    List<String> r = new ArrayList<>();
    write.get("items").forEach(i -> r.add(i.get("id").asText() + ":" + i.get("result").asText()));
    return r;
  }

  @Test
  void collectionsAreCreatedListedDescribedAndDeleted() throws Exception {
    start();
    HttpResponse<String> created = api.put("/v1/collections/books", "{\"bm25\": true, \"analyzer\": \"porter\"}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode books = Api.json(created);
    assertEquals("books", books.get("name").asText());
    assertEquals(0, books.get("documents").asInt());
    assertEquals("porter", books.at("/settings/bm25/analyzer").asText());
    assertTrue(Files.isDirectory(data.resolve("books")));
    assertEquals(201, api.put("/v1/collections/articles", "").statusCode(), "an empty body makes a BM25 collection");
    assertEquals("collection_exists", errorCode(api.put("/v1/collections/books", "{}"), 409));

    ok(api.post("/v1/collections/books/documents", "[{\"id\": \"b1\", \"text\": \"a tale\"}, {\"id\": \"b2\", \"text\": \"a poem\"}]"));
    JsonNode list = ok(api.get("/v1/collections")).get("collections");
    assertEquals(2, list.size());
    assertEquals("articles", list.get(0).get("name").asText());
    assertTrue(list.get(0).get("default").asBoolean(), "the first by name is the default");
    assertEquals(0, list.get(0).get("documents").asInt());
    assertEquals("books", list.get(1).get("name").asText());
    assertFalse(list.get(1).get("default").asBoolean());
    assertEquals(2, list.get(1).get("documents").asInt());

    JsonNode described = ok(api.get("/v1/collections/books"));
    assertEquals(2, described.get("documents").asInt());
    assertEquals(1, described.get("segments").size());
    JsonNode segment = described.get("segments").get(0);
    assertEquals(2, segment.get("documents").asInt());
    assertEquals(0, segment.get("deleted").asInt());
    assertTrue(segment.get("bytes").asLong() > 0 && segment.has("name"), segment.toString());
    assertEquals(segment.get("bytes").asLong(), described.get("bytes").asLong());
    assertTrue(described.get("generation").asLong() >= 2, described.toString());
    assertEquals("bm25", described.at("/pipelines/0/name").asText());

    JsonNode deleted = ok(api.delete("/v1/collections/books"));
    assertEquals("deleted", deleted.get("result").asText());
    assertFalse(Files.exists(data.resolve("books")));
    assertEquals("unknown_collection", errorCode(api.get("/v1/collections/books"), 404));
    assertEquals("unknown_collection", errorCode(api.delete("/v1/collections/books"), 404));
    assertEquals("unknown_collection", errorCode(api.get("/v1/collections/books/search?query=tale"), 404));
    assertEquals(1, ok(api.get("/v1/collections")).get("collections").size());
  }

  @Test
  void settingsThatCannotMakeACollectionAreRefused() throws Exception {
    start();
    assertEquals("invalid_name", errorCode(api.put("/v1/collections/-bad", "{}"), 400));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c", "{\"shards\": 2}"), 400));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c", "{\"analyzer\": \"klingon\"}"), 400));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c", "{\"bm25\": false}"), 400));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c", "{\"bm25\": false, \"analyzer\": \"english\"}"), 400));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c", "{\"encoders\": [{\"type\": \"colbert\"}]}"), 400));
    HttpResponse<String> noModel = api.put("/v1/collections/c",
        "{\"encoders\": [{\"type\": \"splade\", \"model\": \"" + data.resolve("nowhere") + "\"}]}");
    assertEquals("invalid_model", errorCode(noModel, 400));
    assertTrue(errorMessage(noModel).startsWith("encoders[0]: "), errorMessage(noModel));
    assertEquals("invalid_settings", errorCode(api.put("/v1/collections/c",
        "{\"encoders\": [{\"type\": \"splade\", \"model\": \"" + TestCollections.sparseFixture() + "\"}],"
            + " \"seismic\": {\"nPostingz\": 10}}"), 400));
    assertEquals("malformed_json", errorCode(api.put("/v1/collections/c", "{"), 400));
    assertEquals(0, ok(api.get("/v1/collections")).get("collections").size(), "nothing was created");
    assertFalse(Files.exists(data.resolve("c")));
  }

  @Test
  void documentsAreAddedAsJsonOrNdjsonAndSearchableAtOnce() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    JsonNode first = ok(api.post("/v1/collections/c/documents", """
        [{"id": "a", "title": "Lists", "text": "remove an element from a list", "fields": {"lang": "en"}},
         {"id": "b", "title": "Maps", "text": "put a key into a map", "fields": {"lang": "fr"}}]"""));
    assertEquals(List.of("a:created", "b:created"), results(first));
    assertEquals(List.of("a"), searchIds("c", "element"), "searchable when answered");

    String ndjson = """
        {"id": "c", "text": "sleep for a number of milliseconds"}

        {"id": "a", "title": "Lists", "text": "append an item to an array", "fields": {"lang": "en"}}
        """;
    JsonNode second = ok(api.post("/v1/collections/c/documents?refresh=wait_for", "application/x-ndjson", ndjson));
    assertEquals(List.of("c:created", "a:updated"), results(second));
    assertTrue(second.get("generation").asLong() > first.get("generation").asLong());
    assertEquals(List.of("c"), searchIds("c", "milliseconds"));
    assertEquals(List.of("a"), searchIds("c", "array"), "the new text is found");
    assertEquals(List.of(), searchIds("c", "element"), "the replaced text is gone");
    JsonNode a = ok(api.get("/v1/collections/c/documents/a"));
    assertEquals("append an item to an array", a.get("text").asText());
    assertEquals("Lists", a.get("title").asText());
    assertEquals("{\"lang\":\"en\"}", a.get("fields").toString());
    assertEquals(3, documents("c"));
    JsonNode text = ok(api.post("/v1/collections/c/search", "{\"query\": \"array\", \"pipeline\": \"bm25\"}")).at("/hits/0/text");
    assertEquals("append an item to an array", text.asText(), "hits show the new text");

    for (String refresh : List.of("true", "false")) {
      ok(api.post("/v1/collections/c/documents?refresh=" + refresh, "[{\"id\": \"r" + refresh + "\", \"text\": \"x\"}]"));
    }
    HttpResponse<String> soon = api.post("/v1/collections/c/documents?refresh=soon", "[{\"id\": \"s\", \"text\": \"x\"}]");
    assertEquals("invalid_parameter", errorCode(soon, 400));
    assertEquals("unknown_document", errorCode(api.get("/v1/collections/c/documents/s"), 404));
    assertEquals("unknown_collection", errorCode(api.post("/v1/collections/nope/documents", "[]"), 404));
  }

  @Test
  void documentsAreReadAndDeleted() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    ok(api.post("/v1/collections/c/documents", """
        [{"id": "a/1", "title": "T", "text": "first text", "fields": {"tags": ["x", "y"], "year": 1999.5}},
         {"id": "b", "text": "second text"}]"""));
    JsonNode a = ok(api.get("/v1/collections/c/documents/" + q("a/1")));
    assertEquals("a/1", a.get("id").asText());
    assertEquals("{\"tags\":[\"x\",\"y\"],\"year\":1999.5}", a.get("fields").toString());
    assertEquals("", ok(api.get("/v1/collections/c/documents/b")).get("title").asText());

    JsonNode deleted = ok(api.delete("/v1/collections/c/documents/b"));
    assertEquals("deleted", deleted.get("result").asText());
    assertTrue(deleted.get("generation").asLong() > 0);
    assertEquals(List.of("a/1"), searchIds("c", "text"));
    assertEquals("unknown_document", errorCode(api.get("/v1/collections/c/documents/b"), 404));
    assertEquals("unknown_document", errorCode(api.delete("/v1/collections/c/documents/b"), 404));
    assertEquals("invalid_parameter", errorCode(api.delete("/v1/collections/c/documents/" + q("a/1") + "?refresh=later"), 400));
    assertEquals(1, documents("c"));
    JsonNode segment = ok(api.get("/v1/collections/c")).at("/segments/0");
    assertEquals(1, segment.get("deleted").asInt(), segment.toString());
  }

  @Test
  void whereFiltersOnMetadataInPostAndGet() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    ok(api.post("/v1/collections/c/documents", """
        [{"id": "a", "text": "java list", "fields": {"lang": "en", "tags": ["util"], "year": 1998}},
         {"id": "b", "text": "java map", "fields": {"lang": "en", "tags": ["util", "map"], "year": 2004}},
         {"id": "c", "text": "java thread", "fields": {"lang": "de", "tags": ["concurrency"], "year": 2011}}]"""));
    JsonNode post = ok(api.post("/v1/collections/c/search",
        "{\"query\": \"java\", \"where\": {\"lang\": \"en\", \"year\": {\"gte\": 2000, \"lt\": 2010}}}"));
    assertEquals(1, post.get("hits").size(), post.toString());
    assertEquals("b", post.at("/hits/0/id").asText());
    JsonNode get = ok(api.get("/v1/collections/c/search?query=java&where=" + q("{\"tags\": [\"map\", \"concurrency\"]}")));
    Set<String> ids = new HashSet<>();
    get.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    assertEquals(Set.of("b", "c"), ids);
    assertEquals("invalid_where", errorCode(api.post("/v1/collections/c/search",
        "{\"query\": \"java\", \"where\": {\"lang\": true}}"), 400));
    assertEquals("invalid_request", errorCode(api.post("/v1/collections/c/search",
        "{\"query\": \"java\", \"where\": {\"lang\": {\"gte\": 1}}}"), 400), "a range on a string field");
  }

  @Test
  void aBadItemIsNamedAndNothingOfTheRequestIsWritten() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    ok(api.post("/v1/collections/c/documents", "[{\"id\": \"old\", \"text\": \"kept\", \"fields\": {\"year\": 2000}}]"));
    Map<String, String> badItems = new HashMap<>();
    badItems.put("{\"text\": \"no id\"}", "field 'id' is required");
    badItems.put("{\"id\": \"x\"}", "field 'text' is required");
    badItems.put("{\"id\": \"x\", \"text\": 3}", "field 'text' must be a string");
    badItems.put("{\"id\": \"x\", \"text\": \"t\", \"body\": \"?\"}", "unknown field 'body'");
    badItems.put("{\"id\": \"x\", \"text\": \"t\", \"fields\": {\"year\": \"2001\"}}", "field 'year' is a string");
    badItems.put("{\"id\": \"x\", \"text\": \"t\", \"fields\": {\"ok\": true}}", "field 'ok' must be");
    badItems.put("{\"id\": \"x\", \"text\": \"t\", \"vector\": {\"a\": 1}}", "only sparse index");
    badItems.put("[1]", "must be a JSON object");
    for (Map.Entry<String, String> bad : badItems.entrySet()) {
      String array = "[{\"id\": \"new1\", \"text\": \"t\"}, " + bad.getKey() + "]";
      HttpResponse<String> r = api.post("/v1/collections/c/documents", array);
      assertEquals("invalid_document", errorCode(r, 400), array);
      assertTrue(errorMessage(r).startsWith("item 1: ") && errorMessage(r).contains(bad.getValue()), errorMessage(r));
      String ndjson = "{\"id\": \"new1\", \"text\": \"t\"}\n\n" + bad.getKey() + "\n";
      HttpResponse<String> n = api.post("/v1/collections/c/documents", "application/x-ndjson", ndjson);
      assertEquals("invalid_document", errorCode(n, 400), ndjson);
      assertTrue(errorMessage(n).startsWith("line 3: ") && errorMessage(n).contains(bad.getValue()), errorMessage(n));
    }
    HttpResponse<String> twoTypes = api.post("/v1/collections/c/documents",
        "[{\"id\": \"n1\", \"text\": \"t\", \"fields\": {\"lang\": \"en\"}}, {\"id\": \"n2\", \"text\": \"t\", \"fields\": {\"lang\": 1}}]");
    assertTrue(errorMessage(twoTypes).startsWith("item 1: document n2: field 'lang'"), errorMessage(twoTypes));
    HttpResponse<String> badLine = api.post("/v1/collections/c/documents", "application/x-ndjson",
        "{\"id\": \"n1\", \"text\": \"t\"}\n{\"id\": \"n2\", \"text\": \n");
    assertEquals("malformed_json", errorCode(badLine, 400));
    assertTrue(errorMessage(badLine).startsWith("line 2 is not valid JSON"), errorMessage(badLine));
    assertEquals("invalid_body", errorCode(api.post("/v1/collections/c/documents", "{\"id\": \"x\", \"text\": \"t\"}"), 400));
    assertEquals("missing_body", errorCode(api.post("/v1/collections/c/documents", "application/x-ndjson", "\n\n"), 400));

    assertEquals(1, documents("c"), "nothing of a refused request is written");
    assertEquals("unknown_document", errorCode(api.get("/v1/collections/c/documents/new1"), 404));
  }

  @Test
  void requestsOverTheLimitsAreRefused() throws Exception {
    start(new ServerOptions(4096, 1000));
    ok(api.put("/v1/collections/c", "{}"));
    String big = "[{\"id\": \"a\", \"text\": \"" + "word ".repeat(1000) + "\"}]";
    assertEquals("body_too_large", errorCode(api.post("/v1/collections/c/documents", big), 413));
    // Without a Content-Length (chunked), the limit holds while the body is read.
    HttpResponse<String> chunked = api.send(api.request("/v1/collections/c/documents")
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            ("{\"id\": \"b\", \"text\": \"" + "word ".repeat(1000) + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    assertEquals("body_too_large", errorCode(chunked, 413));
    assertEquals(0, documents("c"));
  }

  @Test
  void atMostTenThousandDocumentsPerRequest() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    StringBuilder array = new StringBuilder("[");
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i <= DocumentRequests.MAX_DOCUMENTS; i++) {
      array.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"text\":\"t\"}");
      ndjson.append("{\"id\":\"").append(i).append("\",\"text\":\"t\"}\n");
    }
    array.append(']');
    assertEquals("too_many_documents", errorCode(api.post("/v1/collections/c/documents", array.toString()), 400));
    assertEquals("too_many_documents", errorCode(api.post("/v1/collections/c/documents", "application/x-ndjson", ndjson.toString()), 400));
    assertEquals(0, documents("c"));
  }

  @Test
  void readyVectorsAreIndexedAsGivenAndTheRestIsEncoded() throws Exception {
    start();
    TestCollections.createToy(api, "toy");
    // d1 came with {sparse: 2, retrieval: 1.5, learned: 1, document: 0.5} (all exact in f16).
    JsonNode hit = ok(api.post("/v1/collections/toy/search",
        "{\"query\": \"sparse retrieval\", \"pipeline\": \"splade\", \"filter\": [\"d1\"], \"explain\": true}")).at("/hits/0");
    Map<String, Double> docWeights = new HashMap<>();
    hit.get("terms").forEach(t -> docWeights.put(t.get("term").asText(), t.get("docWeight").asDouble()));
    assertEquals(Map.of("retrieval", 1.5, "document", 0.5), docWeights, hit.toString());

    // "vectors" by index name; a document without one is encoded by the collection's model.
    ok(api.post("/v1/collections/toy/documents", """
        [{"id": "v", "text": "unrelated words", "vectors": {"splade": {"engine": 4}}},
         {"id": "e", "text": "learned sparse retrieval"}]"""));
    JsonNode v = ok(api.post("/v1/collections/toy/search",
        "{\"query\": \"search engine\", \"pipeline\": \"splade\", \"filter\": [\"v\"], \"explain\": true}")).at("/hits/0/terms");
    assertEquals(1, v.size(), v.toString());
    assertEquals("engine", v.at("/0/term").asText());
    assertEquals(4.0, v.at("/0/docWeight").asDouble());
    SparseVector encoded = registry.get("toy").encoders().sparse("splade")
        .encode(List.of("learned sparse retrieval"), TextKind.PASSAGE).get(0);
    JsonNode e = ok(api.post("/v1/collections/toy/search",
        "{\"query\": \"learned sparse retrieval\", \"pipeline\": \"splade\", \"filter\": [\"e\"], \"explain\": true}")).at("/hits/0/terms");
    assertTrue(e.size() > 0, e.toString());
    var vocabulary = registry.get("toy").encoders().sparse("splade").vocabulary();
    for (JsonNode t : e) {
      float expected = encoded.get(vocabulary.id(t.get("term").asText()));
      assertEquals(expected, t.get("docWeight").asDouble(), 0.01 * expected, "stored as f16: " + t);
    }

    String[] bad = {
        "{\"id\": \"x\", \"text\": \"t\", \"vector\": {\"pasta\": 1}}", "token 'pasta' is not in the model's vocabulary",
        "{\"id\": \"x\", \"text\": \"t\", \"vector\": {\"engine\": -1}}", "must be a finite number >= 0",
        "{\"id\": \"x\", \"text\": \"t\", \"vector\": [0.1, 0.2]}", "only dense index, but it has 0",
        "{\"id\": \"x\", \"text\": \"t\", \"vectors\": {\"dense\": [0.1]}}", "no sparse or dense index 'dense'",
        "{\"id\": \"x\", \"text\": \"t\", \"vectors\": {\"splade\": [0.1]}}", "must be an object of token: weight",
        "{\"id\": \"x\", \"text\": \"t\", \"vector\": {}, \"vectors\": {}}", "not both"};
    for (int i = 0; i < bad.length; i += 2) {
      HttpResponse<String> r = api.post("/v1/collections/toy/documents", "[" + bad[i] + "]");
      assertEquals("invalid_document", errorCode(r, 400), bad[i]);
      assertTrue(errorMessage(r).contains(bad[i + 1]), errorMessage(r));
    }
    assertEquals(8, documents("toy"));
  }

  @Test
  void readyDenseVectorsMustHaveTheModelsDimension() throws Exception {
    start();
    Path model = TestCollections.SPARSE_FIXTURE.resolveSibling("dense");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(model), "skipped: no dense fixture at " + model);
    ok(api.put("/v1/collections/d", "{\"bm25\": false, \"encoders\": [{\"type\": \"dense\", \"name\": \"vec\","
        + " \"model\": " + Api.JSON.valueToTree(model.toString()) + "}]}"));
    int dimension = registry.get("d").encoders().dense("vec").dimension();
    List<Double> vector = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      vector.add(i == 0 ? 1.0 : 0.0);
    }
    ok(api.post("/v1/collections/d/documents", "[{\"id\": \"ready\", \"text\": \"t\", \"vector\": " + vector + "},"
        + " {\"id\": \"encoded\", \"text\": \"some words\"}]"));
    assertEquals(Set.of("ready", "encoded"), new HashSet<>(searchIds("d", "words")));
    HttpResponse<String> shorter = api.post("/v1/collections/d/documents",
        "[{\"id\": \"x\", \"text\": \"t\", \"vector\": " + vector.subList(1, dimension) + "}]");
    assertEquals("invalid_document", errorCode(shorter, 400));
    assertTrue(errorMessage(shorter).contains("must be an array of " + dimension + " numbers"), errorMessage(shorter));
  }

  @Test
  void aCollectionAnotherWriterHoldsAnswers409() throws Exception {
    start();
    ok(api.put("/v1/collections/c", "{}"));
    try (Collection other = Collection.open(data.resolve("c"));
        CollectionWriter writer = other.writer("another lsr", CollectionWriter.Options.DEFAULTS)) {
      HttpResponse<String> add = api.post("/v1/collections/c/documents", "[{\"id\": \"a\", \"text\": \"t\"}]");
      assertEquals("collection_locked", errorCode(add, 409));
      assertTrue(errorMessage(add).contains("another lsr"), errorMessage(add));
      assertEquals("collection_locked", errorCode(api.delete("/v1/collections/c/documents/a"), 409));
      assertEquals("collection_locked", errorCode(api.delete("/v1/collections/c"), 409));
      assertTrue(Files.isDirectory(data.resolve("c")));
      assertEquals(0, documents("c"), "still served");
    }
    assertEquals(List.of("a:created"), results(ok(api.post("/v1/collections/c/documents", "[{\"id\": \"a\", \"text\": \"t\"}]"))));
  }

  @Test
  void aServerOfOneFolderNeitherCreatesNorDeletesCollections() throws Exception {
    try (Collection c = Collection.create(data.resolve("only"), new lsr.index.collection.CollectionSettings(
        lsr.index.bm25.TextAnalyzer.ENGLISH, List.of(), List.of(), Map.of()), null)) {
      // created
    }
    registry = CollectionRegistry.ofFolder(data.resolve("only"), TestCollections.SEARCH, CollectionWriter.Options.DEFAULTS,
        new PrintWriter(System.err, true));
    app = LsrServer.create(registry, ServerOptions.DEFAULTS).start("127.0.0.1", 0);
    api = new Api(app.port());
    assertEquals("single_collection", errorCode(api.put("/v1/collections/more", "{}"), 400));
    assertEquals("single_collection", errorCode(api.delete("/v1/collections/only"), 400));
    ok(api.post("/v1/collections/only/documents", "[{\"id\": \"a\", \"text\": \"one folder\"}]"));
    assertEquals("a", ok(api.get("/v1/search?query=folder")).at("/hits/0/id").asText());
  }
}
