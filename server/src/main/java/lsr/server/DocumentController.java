package lsr.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.Document;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.CollectionService;
import lsr.query.service.DocumentEncoders;

/**
 * The documents of a collection: {@code /v1/collections/{name}/documents} (add or replace) and
 * {@code /v1/collections/{name}/documents/{id}} (read, delete). Every write is committed before it is
 * answered, and searches see it at once; {@code refresh} ({@code wait_for}, {@code true},
 * {@code false}) is accepted for clients written against that convention and changes nothing.
 */
final class DocumentController {

  private static final String NDJSON = "application/x-ndjson";

  private final CollectionRegistry registry;

  DocumentController(CollectionRegistry registry) {
    this.registry = registry;
  }

  void add(Context ctx) throws IOException {
    checkRefresh(ctx);
    String name = ctx.pathParam("name");
    CollectionService collection = registry.get(name);
    String type = ctx.contentType();
    List<DocumentEncoders.Incoming> documents = type != null && type.startsWith(NDJSON)
        ? DocumentRequests.fromNdjson(ctx.bodyAsBytes(), collection)
        : DocumentRequests.fromJsonArray(HttpJson.body(ctx), collection);
    CollectionRegistry.WriteResult written = registry.add(name, documents);
    List<Map<String, String>> items = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      items.add(Map.of("id", documents.get(i).document().id(), "result", written.outcomes().get(i)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generation", written.generation());
    m.put("items", items);
    HttpJson.write(ctx, 200, m);
  }

  void get(Context ctx) {
    Document d = registry.document(ctx.pathParam("name"), ctx.pathParam("id"));
    Map<String, Object> fields = new LinkedHashMap<>();
    d.fields().forEach((field, value) -> fields.put(field, value.toJson()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("title", d.title());
    m.put("text", d.text());
    m.put("fields", fields);
    HttpJson.write(ctx, 200, m);
  }

  void delete(Context ctx) throws IOException {
    checkRefresh(ctx);
    long generation = registry.deleteDocument(ctx.pathParam("name"), ctx.pathParam("id"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generation", generation);
    m.put("result", "deleted");
    HttpJson.write(ctx, 200, m);
  }

  private static void checkRefresh(Context ctx) {
    String refresh = ctx.queryParam("refresh");
    if (refresh != null && !List.of("wait_for", "true", "false").contains(refresh)) {
      throw ApiException.badRequest("invalid_parameter", "parameter 'refresh' must be wait_for, true or false, got '"
          + refresh + "' (every write is searchable when it is answered)");
    }
  }
}
