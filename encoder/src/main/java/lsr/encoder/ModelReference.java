package lsr.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How an index records the model that encoded its vectors, so that queries are encoded the same
 * way later: how to open the model again, its fingerprint and its configuration, as JSON
 * ({@code {"encoder", "model", "modelSha256", "modelConfig"}}).
 */
public final class ModelReference {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelReference() {}

  /**
   * The record of {@code source}.
   *
   * @param spec what the user named the model by ({@code --model}), or null for a default model:
   *     a folder is recorded by its absolute path, anything else by the model's description
   */
  public static ObjectNode describe(ModelSource source, String spec) {
    ObjectNode o = JSON.createObjectNode();
    o.put("encoder", source.config().type().id());
    o.put("model", spec != null && Files.isDirectory(Path.of(spec))
        ? Path.of(spec).toAbsolutePath().normalize().toString() : source.description());
    o.put("modelSha256", source.fingerprint());
    try {
      o.set("modelConfig", JSON.readTree(source.config().toJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return o;
  }

  /**
   * {@code record} as {@link #describe} writes it now: records written before lsr's JSON became
   * camelCase spell {@code model_sha256} and {@code model_config}, and their config's own keys in
   * snake_case ({@link ModelConfig#OLD_KEYS}). Compare records through this, so that a collection
   * or job recorded by an older lsr still matches the same model described now. A config that does
   * not parse is kept as written.
   */
  public static JsonNode withCurrentNames(JsonNode record) {
    if (!(record instanceof ObjectNode object)) {
      return record;
    }
    ObjectNode renamed = JSON.createObjectNode();
    object.fields().forEachRemaining(e -> renamed.set(switch (e.getKey()) {
      case "model_sha256" -> "modelSha256";
      case "model_config" -> "modelConfig";
      default -> e.getKey();
    }, e.getValue()));
    JsonNode config = renamed.get("modelConfig");
    if (config != null && config.isObject()) {
      try {
        renamed.set("modelConfig", JSON.readTree(ModelConfig.parse(config.toString(), "modelConfig").toJson()));
      } catch (InvalidModelException | IOException e) {
        // kept as written
      }
    }
    return renamed;
  }

  /**
   * The model a record names, with the configuration it encoded with.
   *
   * @param where the file or collection the record comes from, for messages
   * @throws IllegalArgumentException when the record names no model, or the model found now is not
   *     the one that encoded the vectors (another fingerprint)
   */
  public static ModelSource resolve(JsonNode record, String where) {
    String reference = record.path("model").asText("");
    if (reference.isEmpty()) {
      throw new IllegalArgumentException(where + ": no query model is recorded (vectors indexed without --model);"
          + " index them again with --model naming the model that encoded them");
    }
    ModelSource source;
    if (reference.startsWith("classpath:")) {
      source = ModelSource.classpath(reference.substring("classpath:".length()));
    } else {
      // A built-in model's description reads "bge-small-en-v1.5 (langchain4j-...)": its name comes first.
      int paren = reference.indexOf(" (");
      source = ModelSource.resolve(paren > 0 && !Files.isDirectory(Path.of(reference))
          ? reference.substring(0, paren) : reference);
    }
    JsonNode config = record.has("modelConfig") ? record.get("modelConfig") : record.get("model_config");
    if (config != null) {
      source = source.withConfig(ModelConfig.parse(config.toString(), where + " modelConfig"));
    }
    JsonNode recorded = record.has("modelSha256") ? record.get("modelSha256") : record.get("model_sha256");
    if (recorded != null && !recorded.asText().equals(source.fingerprint())) {
      throw new IllegalArgumentException(where + ": the vectors were encoded by another version of the model "
          + reference + " (its fingerprint differs), so queries encoded now would not match them; index the"
          + " documents again with lsr index");
    }
    return source;
  }
}
