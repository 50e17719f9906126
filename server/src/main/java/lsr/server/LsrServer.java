package lsr.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lsr.query.service.SearchRequest;
import lsr.query.service.SearchResponse;
import lsr.query.service.SearchService;
import lsr.query.service.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a {@link SearchService}: the REST API under {@code /v1}, its OpenAPI document at
 * {@code /openapi.json}, and the web search page at {@code /}. Handlers only translate between HTTP
 * and the service; every refusal has one JSON body, {@code {"error": {"status", "code",
 * "message"}}}, and a failure never shows its stack trace to the client (it is logged with an id the
 * client is told).
 */
public final class LsrServer {

  /** The API routes, as the OpenAPI document lists them: method and path. */
  static final List<String> ROUTES = List.of(
      "GET /v1/search", "POST /v1/search", "POST /v1/encode", "GET /v1/indexes", "GET /v1/health",
      "GET /v1/stats", "GET /openapi.json");

  private static final Logger LOG = LoggerFactory.getLogger(LsrServer.class);
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private LsrServer() {}

  /** Builds the app (not started) over the registry's collections; start it with {@code start(host, port)}. */
  public static Javalin create(lsr.query.service.CollectionRegistry registry, ServerOptions options) {
    return create(registry.defaultCollection().search(), options);
  }

  /** Builds the app (not started) over {@code service}; start it with {@code start(host, port)}. */
  public static Javalin create(SearchService service, ServerOptions options) {
    ServerStats stats = new ServerStats();
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
      config.routes.get("/v1/search", ctx -> search(ctx, service, stats,
          SearchRequests.fromParams(ctx::queryParam, ctx.queryParamMap().keySet())));
      config.routes.post("/v1/search", ctx -> search(ctx, service, stats, SearchRequests.fromJson(body(ctx))));
      config.routes.post("/v1/encode", ctx -> {
        JsonNode b = body(ctx);
        if (!b.isObject()) {
          throw ApiException.badRequest("invalid_body", "the request body must be a JSON object");
        }
        json(ctx, 200, service.encode(SearchRequests.text(b, "text"), SearchRequests.text(b, "encoder"), SearchRequests.text(b, "kind")));
      });
      config.routes.get("/v1/indexes", ctx -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indexes", service.indexes());
        m.put("pipelines", service.pipelines());
        m.put("encoders", service.encoderNames());
        json(ctx, 200, m);
      });
      config.routes.get("/v1/health", ctx -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("defaultPipeline", service.defaultPipeline());
        json(ctx, 200, m);
      });
      config.routes.get("/v1/stats", ctx -> {
        Map<String, Object> m = stats.snapshot();
        m.put("searchers", Map.of("size", service.maxConcurrent(), "busy", service.running()));
        json(ctx, 200, m);
      });
      config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
      config.routes.exception(ServiceException.class, (e, ctx) -> {
        if (e.kind() == ServiceException.Kind.OVERLOADED) {
          ctx.header("Retry-After", "1");
          error(ctx, 503, e.code(), e.getMessage());
        } else {
          error(ctx, 400, e.code(), e.getMessage());
        }
      });
      config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
          codeOf(e.getStatus()), e.getMessage() == null || e.getMessage().isBlank() ? codeOf(e.getStatus()) : e.getMessage()));
      config.routes.exception(Exception.class, (e, ctx) -> {
        String id = UUID.randomUUID().toString();
        LOG.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
        error(ctx, 500, "internal_error", "the server failed to answer; error id " + id + " is in its log");
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          error(ctx, 404, "not_found", "no resource at " + ctx.path() + "; the API is described at /openapi.json");
        }
      });
    });
  }

  private static void search(Context ctx, SearchService service, ServerStats stats, SearchRequest request) {
    long start = System.nanoTime();
    SearchResponse response = service.search(request);
    stats.recordSearch(response.pipeline(), (System.nanoTime() - start) / 1e6);
    json(ctx, 200, response);
  }

  private static JsonNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("missing_body", "the request needs a JSON body");
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed_json", "the body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serializable", e);
    }
  }

  private static void error(Context ctx, int status, String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("status", status);
    err.put("code", code);
    err.put("message", message);
    json(ctx, status, Map.of("error", err));
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
