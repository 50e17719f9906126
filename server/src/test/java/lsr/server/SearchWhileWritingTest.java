package lsr.server;

import static lsr.server.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.MergePolicy;
import lsr.query.service.CollectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches over 127.0.0.1 keep answering, with consistent hits, while batches of documents are added
 * and replaced through the API and the collection merges its segments in the background (a merge
 * policy that merges every two small adjacent segments). Bounded in time and in requests; asserts
 * outcomes, never timings. Random choices from {@code -Dlsr.test.seed}.
 */
class SearchWhileWritingTest {

  private static final long SEED = Long.getLong("lsr.test.seed", 20261204L);
  private static final int BATCHES = 30;
  private static final int BATCH_SIZE = 20;
  private static final int SEARCHERS = 2;
  private static final int MAX_SEARCHES_EACH = 2_000;
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(20);

  @TempDir Path data;

  @Test
  void searchesAnswerWhileDocumentsAreAddedAndSegmentsMerge() throws Exception {
    CollectionWriter.Options eager =
        new CollectionWriter.Options(2, 100_000, new MergePolicy(2, 1000, 5_000_000, 0.5), true);
    long deadline = System.nanoTime() + MAX_NANOS;
    try (CollectionRegistry registry = TestCollections.registry(data, eager)) {
      Javalin app = LsrServer.create(registry, ServerOptions.DEFAULTS).start("127.0.0.1", 0);
      ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS);
      try {
        Api api = new Api(app.port());
        ok(api.put("/v1/collections/live", "{}"));
        ok(api.post("/v1/collections/live/documents", batch(0)));
        AtomicInteger written = new AtomicInteger(1);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong searches = new AtomicLong();
        List<Future<?>> searchers = new ArrayList<>();
        for (int t = 0; t < SEARCHERS; t++) {
          Random random = new Random(SEED + t);
          searchers.add(pool.submit(() -> {
            for (int i = 0; i < MAX_SEARCHES_EACH && written.get() <= BATCHES && System.nanoTime() < deadline; i++) {
              search(api, random.nextInt(written.get()), failures);
              searches.incrementAndGet();
            }
            return null;
          }));
        }
        long generation = 0;
        while (written.get() <= BATCHES && System.nanoTime() < deadline) {
          HttpResponse<String> r = api.post("/v1/collections/live/documents", batch(written.get()));
          JsonNode body = ok(r);
          assertTrue(body.get("generation").asLong() > generation, r.body());
          generation = body.get("generation").asLong();
          written.incrementAndGet();
        }
        for (Future<?> s : searchers) {
          s.get(30, TimeUnit.SECONDS);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed searches of " + searches.get() + ", first: " + failures.peek());
        String run = searches.get() + " searches while " + written.get() + " batches were written";
        assertTrue(searches.get() > 0 && written.get() > 2, run);

        assertNull(registry.get("live").writer().mergeFailure());
        JsonNode live = ok(api.get("/v1/collections/live"));
        int batches = written.get();
        assertEquals(batches * BATCH_SIZE, live.get("documents").asInt(), "every batch adds its size (one replaces)");
        assertTrue(live.get("segments").size() < batches, run + "; segments were merged: " + live.get("segments"));
        for (int b = 0; b < batches; b++) {
          assertEquals(List.of(), search(api, b, failures), "batch " + b);
        }
        assertTrue(failures.isEmpty(), String.valueOf(failures.peek()));
      } finally {
        pool.shutdownNow();
        app.stop();
      }
    }
  }

  /**
   * Batch {@code b}: {@value #BATCH_SIZE} new documents, and (from the second batch on) the first
   * document of the batch before, replaced so that it belongs to batch {@code b}.
   */
  private static String batch(int b) {
    StringBuilder json = new StringBuilder("[");
    for (int j = 0; j < BATCH_SIZE; j++) {
      json.append(j == 0 ? "" : ",").append(document("b" + b + "-" + j, "common batch" + b + " item" + j));
    }
    if (b > 0) {
      json.append(',').append(document("b" + (b - 1) + "-0", "common batch" + b + " replaced"));
    }
    return json.append(']').toString();
  }

  private static String document(String id, String text) {
    return "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}";
  }

  /**
   * Searches batch {@code b}'s word; records a refusal, or a hit whose stored text is not of that
   * batch, in {@code failures}. @return the ids the batch surely holds that the answer lacks (on 200)
   */
  private static List<String> search(Api api, int b, Queue<String> failures) throws Exception {
    HttpResponse<String> r = api.post("/v1/collections/live/search", "{\"query\": \"batch" + b + "\", \"k\": 100}");
    if (r.statusCode() != 200) {
      failures.add(r.statusCode() + " " + r.body());
      return List.of();
    }
    // Batch b holds its documents but the first (replaced by the next batch, or not yet), and the
    // first of the batch before.
    List<String> missing = new ArrayList<>();
    for (int j = 1; j < BATCH_SIZE; j++) {
      missing.add("b" + b + "-" + j);
    }
    if (b > 0) {
      missing.add("b" + (b - 1) + "-0");
    }
    for (JsonNode hit : Api.json(r).get("hits")) {
      if (!hit.path("text").asText().contains("batch" + b + " ")) {
        failures.add("batch" + b + " answered " + hit);
      }
      missing.remove(hit.get("id").asText());
    }
    return missing;
  }
}
