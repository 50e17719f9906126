package lsr.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;
import lsr.index.collection.CollectionSettings;
import lsr.query.service.CollectionService;
import lsr.query.service.DocumentEncoders;

/**
 * Reads the documents of {@code POST /v1/collections/{name}/documents}: a JSON array, or NDJSON (one
 * object per line), of {@code {"id", "title", "text", "fields", "vector" | "vectors"}}. Every item is
 * checked against the collection (its indexes, vocabularies, dimensions and field types) before
 * anything is written, and a bad one is refused naming its place: {@code item 3} (array index) or
 * {@code line 3} (NDJSON).
 *
 * <p>A ready vector is {@code "vector"} (an object token: weight for the collection's only sparse
 * index, an array of numbers for its only dense index) or {@code "vectors"} (the same by index name);
 * tokens are those of the sparse model's vocabulary. Indexes a document brings no vector for are
 * encoded by the collection's models.
 */
final class DocumentRequests {

  static final int MAX_DOCUMENTS = 10_000;
  static final Set<String> FIELDS = Set.of("id", "title", "text", "fields", "vector", "vectors");

  private final CollectionSettings indexes;
  private final DocumentEncoders encoders;
  /** The collection's field types, grown by each item read: a later item must agree with an earlier one. */
  private CollectionSettings fieldTypes;

  private DocumentRequests(CollectionService collection) {
    this.indexes = collection.commit().settings();
    this.encoders = collection.encoders();
    this.fieldTypes = indexes;
  }

  /** The documents of a JSON array. */
  static List<DocumentEncoders.Incoming> fromJsonArray(JsonNode body, CollectionService collection) {
    if (!body.isArray()) {
      throw ApiException.badRequest("invalid_body", "the body must be a JSON array of documents, or NDJSON"
          + " (one document per line) sent as Content-Type application/x-ndjson");
    }
    checkCount(body.size());
    DocumentRequests reader = new DocumentRequests(collection);
    List<DocumentEncoders.Incoming> documents = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      documents.add(reader.item(body.get(i), "item " + i));
    }
    return documents;
  }

  /** The documents of an NDJSON body; blank lines are skipped. */
  static List<DocumentEncoders.Incoming> fromNdjson(byte[] body, CollectionService collection) {
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
    DocumentRequests reader = new DocumentRequests(collection);
    List<DocumentEncoders.Incoming> documents = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      checkCount(documents.size() + 1);
      String where = "line " + (i + 1);
      documents.add(reader.item(HttpJson.parse(lines[i].getBytes(StandardCharsets.UTF_8), where), where));
    }
    if (documents.isEmpty()) {
      throw ApiException.badRequest("missing_body", "the NDJSON body holds no document");
    }
    return documents;
  }

  private static void checkCount(int n) {
    if (n > MAX_DOCUMENTS) {
      throw ApiException.badRequest("too_many_documents", "at most " + MAX_DOCUMENTS
          + " documents are accepted per request; send them in several requests");
    }
  }

  private DocumentEncoders.Incoming item(JsonNode n, String where) {
    if (!n.isObject()) {
      throw invalid(where, "a document must be a JSON object {\"id\", \"title\", \"text\", \"fields\"}");
    }
    n.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw invalid(where, "unknown field '" + f + "'; accepted: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    });
    JsonNode idNode = n.get("id");
    if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isEmpty()) {
      throw invalid(where, "field 'id' is required: a non-empty string (or an integer)");
    }
    String id = idNode.asText();
    String title = n.hasNonNull("title") ? text(n.get("title"), "title", where) : "";
    if (!n.hasNonNull("text")) {
      throw invalid(where, "document " + id + ": field 'text' is required");
    }
    String text = text(n.get("text"), "text", where);
    Map<String, FieldValue> fields;
    try {
      fields = n.hasNonNull("fields") ? FieldValue.fromJsonObject(n.get("fields")) : Map.of();
    } catch (IllegalArgumentException e) {
      throw invalid(where, "document " + id + ": " + e.getMessage());
    }
    try {
      fieldTypes = fieldTypes.withFieldsOf(id, fields);
    } catch (IllegalArgumentException e) {
      throw invalid(where, e.getMessage()); // it names the document
    }
    Map<String, SparseVector> sparse = new HashMap<>();
    Map<String, float[]> dense = new HashMap<>();
    if (n.has("vector") && n.has("vectors")) {
      throw invalid(where, "give either 'vector' (for the collection's only sparse or dense index) or 'vectors'"
          + " (by index name), not both");
    }
    if (n.has("vector")) {
      vector(onlyIndex(n.get("vector"), where), n.get("vector"), sparse, dense, where);
    }
    if (n.has("vectors")) {
      JsonNode vectors = n.get("vectors");
      if (!vectors.isObject()) {
        throw invalid(where, "field 'vectors' must be an object of index name: vector");
      }
      vectors.properties().forEach(e -> vector(e.getKey(), e.getValue(), sparse, dense, where));
    }
    return new DocumentEncoders.Incoming(new Document(id, title, text, fields), sparse, dense);
  }

  /** The index a bare {@code "vector"} is for: the only sparse one (object) or the only dense one (array). */
  private String onlyIndex(JsonNode vector, String where) {
    boolean isSparse = vector.isObject();
    if (!isSparse && !vector.isArray()) {
      throw invalid(where, "field 'vector' must be an object of token: weight (sparse) or an array of numbers (dense)");
    }
    List<String> candidates = isSparse
        ? indexes.sparse().stream().map(CollectionSettings.SparseSpec::name).toList()
        : indexes.dense().stream().map(CollectionSettings.DenseSpec::name).toList();
    if (candidates.size() != 1) {
      throw invalid(where, "field 'vector' as " + (isSparse ? "an object" : "an array") + " is for the collection's"
          + " only " + (isSparse ? "sparse" : "dense") + " index, but it has " + candidates.size()
          + (candidates.isEmpty() ? "" : " " + candidates + "; use 'vectors' by index name"));
    }
    return candidates.get(0);
  }

  private void vector(String index, JsonNode v, Map<String, SparseVector> sparse, Map<String, float[]> dense,
      String where) {
    if (indexes.sparse(index) != null) {
      sparse.put(index, sparseVector(index, v, where));
    } else if (indexes.dense(index) != null) {
      dense.put(index, denseVector(index, v, where));
    } else {
      throw invalid(where, "the collection has no sparse or dense index '" + index + "'");
    }
  }

  private SparseVector sparseVector(String index, JsonNode v, String where) {
    if (!v.isObject()) {
      throw invalid(where, "the vector of sparse index '" + index + "' must be an object of token: weight");
    }
    Vocabulary vocabulary = encoders.sparse(index).vocabulary();
    int[] ids = new int[v.size()];
    float[] weights = new float[v.size()];
    int i = 0;
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      ids[i] = vocabulary.id(e.getKey());
      if (ids[i] < 0) {
        throw invalid(where, "vector of '" + index + "': token '" + e.getKey() + "' is not in the model's vocabulary");
      }
      weights[i] = weight(e.getValue(), "vector of '" + index + "': weight of '" + e.getKey() + "'", where);
      i++;
    }
    return SparseVector.fromUnsorted(ids, weights, SparseVector.Merge.MAX);
  }

  private float[] denseVector(String index, JsonNode v, String where) {
    int dimension = encoders.dense(index).dimension();
    if (!v.isArray() || v.size() != dimension) {
      throw invalid(where, "the vector of dense index '" + index + "' must be an array of " + dimension + " numbers"
          + (v.isArray() ? ", got " + v.size() : ""));
    }
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      JsonNode x = v.get(i);
      if (!x.isNumber() || !Float.isFinite(x.floatValue())) {
        throw invalid(where, "vector of '" + index + "': component " + i + " must be a finite number, got " + x);
      }
      out[i] = x.floatValue();
    }
    return out;
  }

  private static float weight(JsonNode w, String what, String where) {
    if (!w.isNumber() || !Float.isFinite(w.floatValue()) || w.floatValue() < 0) {
      throw invalid(where, what + " must be a finite number >= 0, got " + w);
    }
    return w.floatValue();
  }

  private static String text(JsonNode n, String field, String where) {
    if (!n.isTextual()) {
      throw invalid(where, "field '" + field + "' must be a string, got " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return n.asText();
  }

  private static ApiException invalid(String where, String message) {
    return ApiException.badRequest("invalid_document", where + ": " + message);
  }
}
