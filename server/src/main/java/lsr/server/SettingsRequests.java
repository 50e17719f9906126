package lsr.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.encoder.InvalidModelException;
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.collection.CollectionSettings;
import lsr.index.seismic.SeismicConfig;

/**
 * Reads the settings of a collection to create from the body of {@code PUT /v1/collections/{name}}:
 * {@code {"bm25": true, "analyzer": "english", "encoders": [{"name", "type", "model"}], "seismic":
 * {...}}}, every part optional (an empty body makes a BM25 collection). Models are opened here, so
 * the collection records the model that will encode its documents; the defaults are those of
 * {@code lsr index}: the shipped model of a sparse type, {@value ModelSource#DEFAULT_DENSE} for dense.
 */
final class SettingsRequests {

  static final Set<String> FIELDS = Set.of("bm25", "analyzer", "encoders", "seismic");
  static final Set<String> ENCODER_FIELDS = Set.of("name", "type", "model");

  private SettingsRequests() {}

  static CollectionSettings fromJson(JsonNode body) {
    requireObject(body, "the request body", FIELDS);
    boolean bm25 = !body.hasNonNull("bm25") || bool(body.get("bm25"), "bm25");
    TextAnalyzer analyzer = TextAnalyzer.DEFAULT;
    if (body.hasNonNull("analyzer")) {
      if (!bm25) {
        throw invalid("field 'analyzer' is the BM25 index's, but 'bm25' is false");
      }
      try {
        analyzer = TextAnalyzer.of(text(body.get("analyzer"), "analyzer"));
      } catch (IllegalArgumentException e) {
        throw invalid("field 'analyzer': " + e.getMessage());
      }
    }
    SeismicConfig seismic = body.hasNonNull("seismic") ? seismic(body.get("seismic")) : SeismicConfig.DEFAULTS;
    List<CollectionSettings.SparseSpec> sparse = new ArrayList<>();
    List<CollectionSettings.DenseSpec> dense = new ArrayList<>();
    JsonNode encoders = body.path("encoders");
    if (!encoders.isMissingNode() && !encoders.isNull() && !encoders.isArray()) {
      throw invalid("field 'encoders' must be an array of {\"name\", \"type\", \"model\"}");
    }
    for (int i = 0; i < encoders.size(); i++) {
      String where = "encoders[" + i + "]";
      JsonNode e = encoders.get(i);
      requireObject(e, where, ENCODER_FIELDS);
      if (!e.hasNonNull("type")) {
        throw invalid(where + ": field 'type' is required: splade, unicoil or dense");
      }
      ModelType type = type(text(e.get("type"), where + ".type"), where);
      String name = e.hasNonNull("name") ? text(e.get("name"), where + ".name") : type.id();
      String spec = e.hasNonNull("model") ? text(e.get("model"), where + ".model") : null;
      ModelSource model = model(type, spec, where);
      if (type == ModelType.DENSE) {
        dense.add(new CollectionSettings.DenseSpec(name, ModelReference.describe(model, spec)));
      } else {
        sparse.add(new CollectionSettings.SparseSpec(name, ModelReference.describe(model, spec), seismic));
      }
    }
    try {
      return new CollectionSettings(bm25 ? analyzer : null, sparse, dense, Map.of());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private static ModelType type(String id, String where) {
    for (ModelType t : ModelType.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw invalid(where + ": type '" + id + "' is not an encoder type; choose splade, unicoil or dense");
  }

  /** The model {@code spec} names, or the type's default; it must be of {@code type}. */
  private static ModelSource model(ModelType type, String spec, String where) {
    ModelSource model;
    try {
      model = spec != null ? ModelSource.resolve(spec)
          : type == ModelType.DENSE ? ModelSource.builtIn(ModelSource.DEFAULT_DENSE)
          : ModelSource.shippedOrNull(type.id());
    } catch (InvalidModelException e) {
      throw ApiException.badRequest("invalid_model", where + ": " + e.getMessage());
    }
    if (model == null) {
      throw ApiException.badRequest("invalid_model", where + ": field 'model' is required: this build ships no "
          + type.id() + " model");
    }
    if (model.config().type() != type) {
      throw ApiException.badRequest("invalid_model", where + ": type is " + type.id() + " but model "
          + model.description() + " is " + model.config().type().id());
    }
    return model;
  }

  private static SeismicConfig seismic(JsonNode n) {
    if (!n.isObject()) {
      throw invalid("field 'seismic' must be an object of Seismic build knobs, e.g. {\"nPostings\": 1000}");
    }
    try {
      return SeismicConfig.fromMap(HttpJson.MAPPER.convertValue(n, Map.class));
    } catch (IllegalArgumentException e) {
      throw invalid("field 'seismic': " + e.getMessage());
    }
  }

  private static void requireObject(JsonNode n, String what, Set<String> fields) {
    if (n == null || !n.isObject()) {
      throw invalid(what + " must be a JSON object");
    }
    n.fieldNames().forEachRemaining(f -> {
      if (!fields.contains(f)) {
        throw invalid(what + ": unknown field '" + f + "'; accepted: " + String.join(", ", fields.stream().sorted().toList()));
      }
    });
  }

  private static String text(JsonNode n, String field) {
    if (!n.isTextual()) {
      throw invalid("field '" + field + "' must be a string, got " + n);
    }
    return n.asText();
  }

  private static boolean bool(JsonNode n, String field) {
    if (!n.isBoolean()) {
      throw invalid("field '" + field + "' must be true or false, got " + n);
    }
    return n.asBoolean();
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("invalid_settings", message);
  }
}
