package lsr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A client of one running server, for tests: requests by method and path, answers as text or JSON. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET());
  }

  HttpResponse<String> delete(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).DELETE());
  }

  HttpResponse<String> post(String pathAndQuery, String json) throws IOException, InterruptedException {
    return post(pathAndQuery, "application/json", json);
  }

  HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws IOException, InterruptedException {
    return send(request(pathAndQuery).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(String pathAndQuery, String json) throws IOException, InterruptedException {
    return send(request(pathAndQuery).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON body of a 2xx answer (asserted). */
  static JsonNode ok(HttpResponse<String> r) {
    assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
    return json(r);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  /** Asserts the one error body format with {@code status}, and returns its code. */
  static String errorCode(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    JsonNode e = json(r).get("error");
    assertEquals(status, e.get("status").asInt());
    assertFalse(e.get("message").asText().isBlank());
    return e.get("code").asText();
  }

  /** The message of an error answer. */
  static String errorMessage(HttpResponse<String> r) {
    return json(r).get("error").get("message").asText();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
