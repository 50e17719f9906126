package lsr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsr.query.service.CollectionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page end to end in headless Chromium over two real collections: "articles" (BM25 and
 * the sparse fixture; the default, first by name) and "recipes" (BM25 only). Typing a query, picking
 * a pipeline or a collection, reading what the page shows.
 */
class WebPageTest {

  @TempDir static Path data;
  private static CollectionRegistry registry;
  private static Javalin app;
  private static HeadlessChromium browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeAvailable();
    TestCollections.sparseFixture();
    registry = TestCollections.registry(data);
    app = LsrServer.create(registry, ServerOptions.DEFAULTS).start("127.0.0.1", 0);
    Api api = new Api(app.port());
    base = api.base();
    TestCollections.createToy(api, "articles");
    Api.ok(api.put("/v1/collections/recipes", "{\"analyzer\": \"english\"}"));
    Api.ok(api.post("/v1/collections/recipes/documents", """
        [{"id": "r1", "title": "Carbonara", "text": "Cook the pasta, then stir in eggs and cheese."},
         {"id": "r2", "title": "Risotto", "text": "Stir the rice with hot broth."}]"""));
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.stop();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static void openSearchPage() throws Exception {
    browser.navigate(base + "/");
    browser.waitFor("document.readyState === 'complete' && document.querySelectorAll('#collection option').length === 2"
        + " && document.querySelectorAll('#pipeline option').length === 3", Duration.ofSeconds(20));
  }

  private static void search(String query) throws Exception {
    browser.eval("document.getElementById('query').value = ''; document.getElementById('query').focus()");
    browser.type(query);
    browser.pressEnter();
    browser.waitFor("document.querySelectorAll('#results .hit').length > 0", Duration.ofSeconds(20));
  }

  @Test
  void typedQueryShowsResultsWithHighlightedTermsAndStageScores() throws Exception {
    openSearchPage();
    assertEquals("articles", browser.eval("document.getElementById('collection').value").asText(),
        "the default collection is preselected");
    assertEquals("hybrid", browser.eval("document.getElementById('pipeline').value").asText(),
        "its default pipeline is preselected");
    search("sparse retrieval");
    browser.screenshot(Path.of("target", "web-search.png"));

    JsonNode hits = browser.eval("""
        [...document.querySelectorAll('#results .hit')].map(h => ({
          id: h.dataset.id,
          title: h.querySelector('.title').textContent,
          text: (() => { const t = h.querySelector('.text').cloneNode(true);
                         t.querySelectorAll('sup').forEach(s => s.remove()); return t.textContent; })(),
          marks: [...h.querySelectorAll('.text mark')].map(m => m.firstChild.textContent),
          weights: [...h.querySelectorAll('.text mark sup')].map(s => Number(s.textContent)),
          stages: [...h.querySelectorAll('.score.stage')].map(s => s.dataset.stage),
          fused: !!h.querySelector('.score.fused'),
          terms: [...h.querySelectorAll('.term')].map(t => t.textContent)
        }))""");
    assertTrue(hits.size() >= 3, hits.toString());
    JsonNode top = hits.get(0);
    assertEquals("d1", top.get("id").asText(), hits.toString());
    assertEquals("Sparse retrieval", top.get("title").asText());
    assertTrue(top.get("text").asText().startsWith("Learned sparse retrieval"), top.toString());
    // d1's ready vector holds sparse, retrieval, learned and document; the fixture model's query
    // vector of "sparse retrieval" holds retrieval and document among others, not sparse.
    List<String> marks = new ArrayList<>();
    top.get("marks").forEach(m -> marks.add(m.asText().toLowerCase(Locale.ROOT)));
    assertEquals(List.of("retrieval", "documents"), marks, top.toString());
    assertTrue(top.get("weights").size() == 2 && top.get("weights").get(0).asDouble() > 0, top.toString());
    assertEquals(List.of("bm25", "splade"),
        List.of(top.get("stages").get(0).asText(), top.get("stages").get(1).asText()));
    assertTrue(top.get("fused").asBoolean());
    assertTrue(top.get("terms").get(0).asText().matches("(retrieval|document) .*×.*"), top.toString());
    assertTrue(browser.eval("document.getElementById('summary').textContent").asText()
        .matches("\\d+ results from hybrid in [0-9.]+ ms"));
    String address = browser.eval("location.search").asText();
    assertTrue(address.contains("query=sparse+retrieval") && address.contains("collection=articles"),
        "the query and collection are kept in the address for bookmarking: " + address);
  }

  @Test
  void choosingAPipelineChangesTheAnswer() throws Exception {
    openSearchPage();
    browser.eval("document.getElementById('pipeline').value = 'bm25'");
    search("pasta water");
    assertEquals("d4", browser.eval("document.querySelector('#results .hit').dataset.id").asText());
    assertEquals(0, browser.eval("document.querySelectorAll('#results .score.fused').length").asInt(),
        "a single-stage pipeline fuses nothing");
  }

  @Test
  void choosingACollectionSearchesIt() throws Exception {
    openSearchPage();
    browser.eval("const c = document.getElementById('collection'); c.value = 'recipes';"
        + " c.dispatchEvent(new Event('change'))");
    browser.waitFor("document.querySelectorAll('#pipeline option').length === 1", Duration.ofSeconds(20));
    assertEquals("bm25", browser.eval("document.getElementById('pipeline').value").asText());
    search("pasta");
    JsonNode ids = browser.eval("[...document.querySelectorAll('#results .hit')].map(h => h.dataset.id)");
    assertEquals("[\"r1\"]", ids.toString(), "only the recipes collection is searched");
    assertTrue(browser.eval("location.search").asText().contains("collection=recipes"));
  }

  @Test
  void serverErrorsAreShownToTheUser() throws Exception {
    openSearchPage();
    browser.eval("const o = document.createElement('option'); o.value = 'missing'; o.textContent = 'missing';"
        + "document.getElementById('pipeline').appendChild(o); document.getElementById('pipeline').value = 'missing'");
    browser.eval("document.getElementById('query').focus()");
    browser.type("anything");
    browser.pressEnter();
    browser.waitFor("!document.getElementById('error').hidden", Duration.ofSeconds(20));
    assertTrue(browser.eval("document.getElementById('error').textContent").asText()
        .contains("no pipeline called 'missing'"));
  }
}
