package lsr.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import lsr.query.service.CollectionRegistry;

/** The collections of the server: {@code /v1/collections} and {@code /v1/collections/{name}}. */
final class CollectionController {

  private final CollectionRegistry registry;

  CollectionController(CollectionRegistry registry) {
    this.registry = registry;
  }

  void list(Context ctx) {
    HttpJson.write(ctx, 200, Map.of("collections", registry.list()));
  }

  /** Creates the collection; an empty body makes a BM25 collection with the default analyzer. */
  void create(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    JsonNode body = ctx.bodyAsBytes().length == 0 ? HttpJson.MAPPER.createObjectNode() : HttpJson.body(ctx);
    registry.create(name, SettingsRequests.fromJson(body));
    HttpJson.write(ctx, 201, registry.describe(name));
  }

  void describe(Context ctx) {
    HttpJson.write(ctx, 200, registry.describe(ctx.pathParam("name")));
  }

  void delete(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    registry.delete(name);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("result", "deleted");
    HttpJson.write(ctx, 200, m);
  }
}
