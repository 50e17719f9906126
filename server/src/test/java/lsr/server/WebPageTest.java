package lsr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.service.SearchService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The search page end to end in headless Chromium: typing a query, reading what the page shows. */
class WebPageTest {

  private static Javalin app;
  private static HeadlessChromium browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeAvailable();
    RetrievalStage sparse = new ToyCollection.SparseStage("sparse");
    SearchService service = SearchService.builder()
        .pipeline(new Pipeline("hybrid", List.of(new ToyCollection.LexicalStage(), sparse), FusionMethod.RRF,
            FusionWeights.EQUAL, 10, null))
        .pipeline(Pipeline.single(sparse, 10))
        .documents(ToyCollection.store())
        .build();
    app = LsrServer.create(service, ServerOptions.DEFAULTS).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
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
  }

  private static void openSearchPage() throws Exception {
    browser.navigate(base + "/");
    browser.waitFor("document.readyState === 'complete' && document.querySelectorAll('#pipeline option').length === 2",
        Duration.ofSeconds(20));
  }

  @Test
  void typedQueryShowsResultsWithHighlightedTermsAndStageScores() throws Exception {
    openSearchPage();
    assertEquals("hybrid", browser.eval("document.getElementById('pipeline').value").asText(),
        "the default pipeline is preselected");
    browser.eval("document.getElementById('query').focus()");
    browser.type("sparse retrieval");
    browser.pressEnter();
    browser.waitFor("document.querySelectorAll('#results .hit').length > 0", Duration.ofSeconds(20));
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
    List<String> marks = new java.util.ArrayList<>();
    top.get("marks").forEach(m -> marks.add(m.asText().toLowerCase(java.util.Locale.ROOT)));
    assertTrue(marks.contains("sparse") && marks.contains("retrieval"), "highlighted: " + marks);
    assertTrue(top.get("weights").size() >= 2 && top.get("weights").get(0).asDouble() > 0, top.toString());
    assertEquals(List.of("lexical", "sparse"),
        List.of(top.get("stages").get(0).asText(), top.get("stages").get(1).asText()));
    assertTrue(top.get("fused").asBoolean());
    assertTrue(top.get("terms").get(0).asText().matches("(sparse|retrieval) .*×.*"), top.toString());
    assertTrue(browser.eval("document.getElementById('summary').textContent").asText()
        .matches("\\d+ results from hybrid in [0-9.]+ ms"));
    assertTrue(browser.eval("location.search").asText().contains("query=sparse+retrieval"),
        "the query is kept in the address for bookmarking");
  }

  @Test
  void choosingAPipelineChangesTheAnswer() throws Exception {
    openSearchPage();
    browser.eval("document.getElementById('pipeline').value = 'sparse'");
    browser.eval("document.getElementById('query').focus()");
    browser.type("pasta water");
    browser.pressEnter();
    browser.waitFor("document.querySelectorAll('#results .hit').length > 0", Duration.ofSeconds(20));
    assertEquals("d4", browser.eval("document.querySelector('#results .hit').dataset.id").asText());
    assertEquals(0, browser.eval("document.querySelectorAll('#results .score.fused').length").asInt(),
        "a single-stage pipeline fuses nothing");
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
