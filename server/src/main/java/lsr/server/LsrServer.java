package lsr.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import lsr.query.service.CollectionRegistry;
import lsr.query.service.SearchService;
import lsr.query.service.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a {@link CollectionRegistry}: the REST API under {@code /v1} (the routes of one
 * collection answer from the default collection; {@code /v1/collections} holds them all), its OpenAPI
 * document at {@code /openapi.json}, and the web search page at {@code /}. Handlers only translate
 * between HTTP and the services; every refusal has one JSON body, {@code {"error": {"status", "code",
 * "message"}}}, and a failure never shows its stack trace to the client (it is logged with an id the
 * client is told).
 */
public final class LsrServer {

  /** The API routes, as the OpenAPI document lists them: method and path. */
  static final List<String> ROUTES = List.of(
      "GET /v1/search", "POST /v1/search", "POST /v1/encode", "GET /v1/indexes", "GET /v1/health",
      "GET /v1/stats", "GET /openapi.json",
      "GET /v1/collections", "PUT /v1/collections/{name}", "GET /v1/collections/{name}",
      "DELETE /v1/collections/{name}", "POST /v1/collections/{name}/documents",
      "GET /v1/collections/{name}/documents/{id}", "DELETE /v1/collections/{name}/documents/{id}",
      "GET /v1/collections/{name}/search", "POST /v1/collections/{name}/search");

  private static final Logger LOG = LoggerFactory.getLogger(LsrServer.class);

  private LsrServer() {}

  /**
   * Builds the app (not started) over the registry's collections; start it with {@code start(host,
   * port)}. The registry stays the caller's to close, after the app has stopped.
   */
  public static Javalin create(CollectionRegistry registry, ServerOptions options) {
    return create(registry, name -> registry.get(name).search(), options);
  }

  /**
   * As {@link #create(CollectionRegistry, ServerOptions)}, with searches answered by {@code searchOf}
   * (the search service of a collection, by name): lets tests put a search that blocks behind a route.
   */
  static Javalin create(CollectionRegistry registry, Function<String, SearchService> searchOf, ServerOptions options) {
    ServerStats stats = new ServerStats();
    SearchController search = new SearchController(registry, searchOf, stats);
    CollectionController collections = new CollectionController(registry);
    DocumentController documents = new DocumentController(registry);
    byte[] openApi = resource("/lsr/server/openapi.json");
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = options.maxBodyBytes();
      config.http.prefer405over404 = true;
      config.jetty.modifyServer(server -> server.setStopTimeout(options.stopTimeoutMillis()));
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/lsr/server/web";
        files.location = Location.CLASSPATH;
      });
      config.requestLogger.http((ctx, millis) -> stats.recordRequest(ctx.statusCode()));

      config.routes.before("/v1/*", ctx -> {
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxBodyBytes()) {
          throw new ApiException(413, "body_too_large",
              "the request body has " + length + " bytes; at most " + options.maxBodyBytes() + " are accepted");
        }
      });
      config.routes.get("/v1/search", search::getDefault);
      config.routes.post("/v1/search", search::postDefault);
      config.routes.post("/v1/encode", search::encode);
      config.routes.get("/v1/indexes", search::indexes);
      config.routes.get("/v1/health", search::health);
      config.routes.get("/v1/stats", search::stats);
      config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

      config.routes.get("/v1/collections", collections::list);
      config.routes.put("/v1/collections/{name}", collections::create);
      config.routes.get("/v1/collections/{name}", collections::describe);
      config.routes.delete("/v1/collections/{name}", collections::delete);
      config.routes.post("/v1/collections/{name}/documents", documents::add);
      config.routes.get("/v1/collections/{name}/documents/{id}", documents::get);
      config.routes.delete("/v1/collections/{name}/documents/{id}", documents::delete);
      config.routes.get("/v1/collections/{name}/search", search::get);
      config.routes.post("/v1/collections/{name}/search", search::post);

      config.routes.exception(ApiException.class, (e, ctx) -> {
        closeAfterUnreadBody(ctx, e.status());
        HttpJson.error(ctx, e.status(), e.code(), e.getMessage());
      });
      config.routes.exception(ServiceException.class, (e, ctx) -> {
        if (e.kind() == ServiceException.Kind.OVERLOADED) {
          ctx.header("Retry-After", "1");
        }
        HttpJson.error(ctx, statusOf(e.kind()), e.code(), e.getMessage());
      });
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        closeAfterUnreadBody(ctx, e.getStatus());
        HttpJson.error(ctx, e.getStatus(), codeOf(e.getStatus()),
            e.getMessage() == null || e.getMessage().isBlank() ? codeOf(e.getStatus()) : e.getMessage());
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        String id = UUID.randomUUID().toString();
        LOG.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
        HttpJson.error(ctx, 500, "internal_error", "the server failed to answer; error id " + id + " is in its log");
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          HttpJson.error(ctx, 404, "not_found", "no resource at " + ctx.path() + "; the API is described at /openapi.json");
        }
      });
    });
  }

  /**
   * A body refused as too large is left unread: the connection is closed after the answer, so
   * neither the client nor a graceful stop waits on the rest of it.
   */
  private static void closeAfterUnreadBody(Context ctx, int status) {
    if (status == 413) {
      ctx.header("Connection", "close");
    }
  }

  private static int statusOf(ServiceException.Kind kind) {
    return switch (kind) {
      case INVALID_REQUEST -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case OVERLOADED -> 503;
    };
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "body_too_large";
      case 415 -> "unsupported_media_type";
      default -> "http_" + status;
    };
  }

  private static byte[] resource(String path) {
    try (InputStream in = LsrServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
