package lsr.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.SearchRequest;
import lsr.query.service.SearchResponse;
import lsr.query.service.SearchService;
import lsr.query.service.ServiceException;

/**
 * Search, encode and the read-only routes about the search side: {@code /v1/search} and the other
 * routes of one collection answer from the default collection, {@code /v1/collections/{name}/search}
 * from the named one.
 */
final class SearchController {

  private final CollectionRegistry registry;
  private final Function<String, SearchService> searchOf;
  private final ServerStats stats;

  /** @param searchOf the search service of a collection, by name */
  SearchController(CollectionRegistry registry, Function<String, SearchService> searchOf, ServerStats stats) {
    this.registry = registry;
    this.searchOf = searchOf;
    this.stats = stats;
  }

  void getDefault(Context ctx) {
    search(ctx, registry.requireDefaultName(), fromParams(ctx));
  }

  void postDefault(Context ctx) {
    search(ctx, registry.requireDefaultName(), SearchRequests.fromJson(HttpJson.body(ctx)));
  }

  void get(Context ctx) {
    search(ctx, ctx.pathParam("name"), fromParams(ctx));
  }

  void post(Context ctx) {
    search(ctx, ctx.pathParam("name"), SearchRequests.fromJson(HttpJson.body(ctx)));
  }

  private static SearchRequest fromParams(Context ctx) {
    return SearchRequests.fromParams(ctx::queryParam, ctx.queryParamMap().keySet());
  }

  private void search(Context ctx, String collection, SearchRequest request) {
    SearchService service = searchOf.apply(collection);
    long start = System.nanoTime();
    SearchResponse response = service.search(request);
    stats.recordSearch(collection, response.pipeline(), (System.nanoTime() - start) / 1e6);
    HttpJson.write(ctx, 200, response);
  }

  void encode(Context ctx) {
    JsonNode b = HttpJson.body(ctx);
    if (!b.isObject()) {
      throw ApiException.badRequest("invalid_body", "the request body must be a JSON object");
    }
    SearchService service = searchOf.apply(registry.requireDefaultName());
    HttpJson.write(ctx, 200, service.encode(SearchRequests.text(b, "text"), SearchRequests.text(b, "encoder"),
        SearchRequests.text(b, "kind")));
  }

  void indexes(Context ctx) {
    SearchService service = searchOf.apply(registry.requireDefaultName());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("indexes", service.indexes());
    m.put("pipelines", service.pipelines());
    m.put("encoders", service.encoderNames());
    HttpJson.write(ctx, 200, m);
  }

  /** Answers even without collections: the server is alive. */
  void health(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "ok");
    m.put("collections", registry.names().size());
    String name = registry.defaultName();
    SearchService service = name == null ? null : searchOrNull(name);
    if (service != null) {
      m.put("defaultCollection", name);
      m.put("defaultPipeline", service.defaultPipeline());
    }
    HttpJson.write(ctx, 200, m);
  }

  void stats(Context ctx) {
    Map<String, Object> m = stats.snapshot();
    Map<String, Object> searchers = new TreeMap<>();
    for (String name : registry.names()) {
      SearchService service = searchOrNull(name);
      if (service != null) {
        searchers.put(name, Map.of("size", service.maxConcurrent(), "busy", service.running()));
      }
    }
    m.put("searchers", searchers);
    HttpJson.write(ctx, 200, m);
  }

  /** The search service of {@code name}, or null when the collection was deleted since it was listed. */
  private SearchService searchOrNull(String name) {
    try {
      return searchOf.apply(name);
    } catch (ServiceException e) {
      if (e.kind() == ServiceException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
