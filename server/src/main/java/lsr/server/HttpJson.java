package lsr.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out of an exchange: request bodies, response bodies, and the one error body. */
final class HttpJson {

  static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private HttpJson() {}

  /** The request body as JSON. @throws ApiException when it is empty or not JSON */
  static JsonNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("missing_body", "the request needs a JSON body");
    }
    return parse(bytes, "the body");
  }

  /**
   * {@code bytes} as JSON.
   *
   * @param what what they are, for the message ({@code the body}, {@code line 3})
   */
  static JsonNode parse(byte[] bytes, String what) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed_json", what + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serializable", e);
    }
  }

  /** Answers {@code {"error": {"status", "code", "message"}}}. */
  static void error(Context ctx, int status, String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("status", status);
    err.put("code", code);
    err.put("message", message);
    write(ctx, status, Map.of("error", err));
  }
}
