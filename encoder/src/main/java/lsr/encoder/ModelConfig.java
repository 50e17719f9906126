package lsr.encoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;

/**
 * What the Java side needs to run a model, read from the {@code lsr-model.json} beside
 * {@code model.onnx} and {@code tokenizer.json} in a model folder.
 *
 * <h2>Schema of {@code lsr-model.json}</h2>
 *
 * A JSON object; unknown keys are refused so that a misspelt key cannot be silently ignored. Keys are
 * camelCase, as everywhere in lsr's JSON. Files written before that spell five keys in snake_case
 * ({@code max_length}, {@code query_prefix}, {@code passage_prefix}, {@code max_batch_size},
 * {@code query_top_k}); those names are still read ({@link #OLD_KEYS}), a file giving both spellings
 * of one key is refused, and {@link #toJson} writes only the camelCase ones.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code type}</td><td>string</td><td>required</td>
 *       <td>{@code "splade"}, {@code "unicoil"} or {@code "dense"}</td></tr>
 *   <tr><td>{@code output}</td><td>string</td><td>the graph's only output</td>
 *       <td>the output to read; required when the graph has several. For the (indices, weights)
 *       SPLADE shape name the weights output; the other one is the graph's int64 output.</td></tr>
 *   <tr><td>{@code maxLength}</td><td>int 2..8192</td><td>{@value #DEFAULT_MAX_LENGTH}</td>
 *       <td>tokens per text, [CLS] and [SEP] included; longer texts are truncated, keeping the
 *       final [SEP]</td></tr>
 *   <tr><td>{@code pooling}</td><td>{@code "cls"} | {@code "mean"}</td><td>required for dense
 *       graphs that output per-token states</td><td>dense only</td></tr>
 *   <tr><td>{@code queryPrefix}</td><td>string</td><td>{@code ""}</td>
 *       <td>prepended to every query before tokenization</td></tr>
 *   <tr><td>{@code passagePrefix}</td><td>string</td><td>{@code ""}</td>
 *       <td>prepended to every passage before tokenization</td></tr>
 *   <tr><td>{@code normalize}</td><td>boolean</td><td>{@code true}</td>
 *       <td>dense only: L2-normalize the pooled vector</td></tr>
 *   <tr><td>{@code maxBatchSize}</td><td>int &gt;= 1</td><td>no limit</td>
 *       <td>texts one run may hold. Set it to 1 for graphs whose result for a text depends on the
 *       other texts of its run, such as dynamically quantized int8 graphs (their activation scale is
 *       taken over the whole batch): then every text encodes the same way, alone or in a collection</td></tr>
 *   <tr><td>{@code queryTopK}</td><td>int &gt;= 0</td><td>0 (keep all)</td>
 *       <td>sparse only: a query vector keeps at most this many of its largest weights (after the
 *       encoder's own pruning); passages are not affected. Long queries expand to many terms, and
 *       a cap keeps query cost bounded</td></tr>
 *   <tr><td>{@code name}, {@code description}</td><td>string</td><td>none</td>
 *       <td>for people; not interpreted</td></tr>
 * </table>
 *
 * @param type what the model computes
 * @param output the output to read, or null for the graph's only output
 * @param maxLength tokens per text, special tokens included
 * @param pooling dense pooling, or null (sparse models, or dense graphs that pool themselves)
 * @param queryPrefix text prepended to queries
 * @param passagePrefix text prepended to passages
 * @param normalize whether dense vectors are L2-normalized
 * @param maxBatchSize texts one ONNX run may hold, {@link #UNLIMITED_BATCH} when the graph has no limit
 * @param queryTopK largest weights a sparse query vector keeps, {@link #ALL_TERMS} for all
 */
public record ModelConfig(
    ModelType type,
    String output,
    int maxLength,
    Pooling pooling,
    String queryPrefix,
    String passagePrefix,
    boolean normalize,
    int maxBatchSize,
    int queryTopK) {

  /** {@code maxBatchSize} of graphs that encode each text the same way whatever shares its run. */
  public static final int UNLIMITED_BATCH = Integer.MAX_VALUE;

  /** {@code queryTopK} of models whose query vectors keep every term. */
  public static final int ALL_TERMS = 0;

  /** Tokens per text when {@code maxLength} is absent: SPLADE's usual passage length. */
  public static final int DEFAULT_MAX_LENGTH = 256;

  /** The largest {@code maxLength} accepted; BERT-style models have 512 positions. */
  static final int MAX_MAX_LENGTH = 8192;

  /** The name of the file this record is read from. */
  public static final String FILE_NAME = "lsr-model.json";

  private static final List<String> KEYS = List.of("type", "output", "maxLength", "pooling",
      "queryPrefix", "passagePrefix", "normalize", "maxBatchSize", "queryTopK", "name",
      "description");

  /**
   * The snake_case key names of files written before lsr's JSON became camelCase, each with the
   * key it now reads as. Still accepted, never written.
   */
  public static final Map<String, String> OLD_KEYS = Map.of(
      "max_length", "maxLength",
      "query_prefix", "queryPrefix",
      "passage_prefix", "passagePrefix",
      "max_batch_size", "maxBatchSize",
      "query_top_k", "queryTopK");

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelConfig {
    if (type == null) {
      throw new IllegalArgumentException("type is required");
    }
    if (maxLength < 2 || maxLength > MAX_MAX_LENGTH) {
      throw new IllegalArgumentException(
          "maxLength must be in 2.." + MAX_MAX_LENGTH + ", got " + maxLength);
    }
    if (pooling != null && type != ModelType.DENSE) {
      throw new IllegalArgumentException("pooling applies to dense models only, not " + type.id());
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
    }
    if (queryTopK < 0) {
      throw new IllegalArgumentException("queryTopK must be >= 0 (0 keeps all), got " + queryTopK);
    }
    if (queryTopK != ALL_TERMS && type == ModelType.DENSE) {
      throw new IllegalArgumentException("queryTopK applies to sparse models only, not dense");
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
  }

  /** A config with defaults for everything but the type. */
  public static ModelConfig of(ModelType type) {
    return new ModelConfig(type, null, DEFAULT_MAX_LENGTH, null, "", "", true, UNLIMITED_BATCH, ALL_TERMS);
  }

  /** A query's vector as this model hands it out: its {@code queryTopK} largest weights, or all. */
  public SparseVector capQuery(SparseVector query) {
    return queryTopK == ALL_TERMS ? query : query.topK(queryTopK);
  }

  /** The prefix for texts of {@code kind}. */
  public String prefix(TextKind kind) {
    return kind == TextKind.QUERY ? queryPrefix : passagePrefix;
  }

  public ModelConfig withMaxLength(int newMaxLength) {
    return new ModelConfig(
        type, output, newMaxLength, pooling, queryPrefix, passagePrefix, normalize, maxBatchSize, queryTopK);
  }

  /**
   * Parses the JSON text of an {@code lsr-model.json}, in camelCase or with the {@link #OLD_KEYS}.
   *
   * @param where the file's location, for error messages
   * @throws InvalidModelException naming {@code where}, the key and what is expected
   */
  public static ModelConfig parse(String json, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidModelException(where + ": not valid JSON (line "
          + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    if (!(root instanceof ObjectNode object)) {
      throw new InvalidModelException(where + ": expected a JSON object with at least \"type\"");
    }
    object = withNewKeys(object, where);
    String typeName = text(object, "type", null, where);
    if (typeName == null) {
      throw new InvalidModelException(where + ": \"type\" is required: \"splade\", \"unicoil\" or \"dense\"");
    }
    ModelType type = ModelType.parse(typeName);
    if (type == null) {
      throw new InvalidModelException(where + ": \"type\" must be \"splade\", \"unicoil\" or \"dense\", got \""
          + typeName + "\"");
    }
    String poolingName = text(object, "pooling", null, where);
    Pooling pooling = null;
    if (poolingName != null) {
      pooling = Pooling.parse(poolingName);
      if (pooling == null) {
        throw new InvalidModelException(where + ": \"pooling\" must be \"cls\" or \"mean\", got \"" + poolingName + "\"");
      }
    }
    int maxLength = integer(object, "maxLength", DEFAULT_MAX_LENGTH, where);
    boolean normalize = true;
    JsonNode n = object.get("normalize");
    if (n != null) {
      if (!n.isBoolean()) {
        throw new InvalidModelException(where + ": \"normalize\" must be true or false, got " + n);
      }
      normalize = n.booleanValue();
    }
    int maxBatchSize = integer(object, "maxBatchSize", UNLIMITED_BATCH, where);
    int queryTopK = integer(object, "queryTopK", ALL_TERMS, where);
    try {
      return new ModelConfig(type, text(object, "output", null, where), maxLength, pooling,
          text(object, "queryPrefix", "", where), text(object, "passagePrefix", "", where), normalize,
          maxBatchSize, queryTopK);
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(where + ": " + e.getMessage());
    }
  }

  /**
   * The JSON form in camelCase, as {@link #parse} reads it (written by tools that make model folders
   * and recorded in manifests and collections).
   */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type.id());
    if (output != null) {
      o.put("output", output);
    }
    o.put("maxLength", maxLength);
    if (pooling != null) {
      o.put("pooling", pooling.id());
    }
    o.put("queryPrefix", queryPrefix);
    o.put("passagePrefix", passagePrefix);
    if (type == ModelType.DENSE) {
      o.put("normalize", normalize);
    }
    if (maxBatchSize != UNLIMITED_BATCH) {
      o.put("maxBatchSize", maxBatchSize);
    }
    if (queryTopK != ALL_TERMS) {
      o.put("queryTopK", queryTopK);
    }
    return o.toPrettyString();
  }

  /**
   * {@code object} with every {@link #OLD_KEYS old key} under its new name, in the file's order.
   *
   * @throws InvalidModelException for an unknown key, or a key given under both its names
   */
  private static ObjectNode withNewKeys(ObjectNode object, String where) {
    ObjectNode renamed = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = OLD_KEYS.getOrDefault(field.getKey(), field.getKey());
      if (!KEYS.contains(key)) {
        throw new InvalidModelException(where + ": unknown key \"" + field.getKey() + "\"; known keys: " + KEYS);
      }
      if (renamed.has(key)) {
        throw new InvalidModelException(where + ": \"" + key + "\" is given twice, also under its old name \""
            + oldName(key) + "\"; keep only \"" + key + "\"");
      }
      renamed.set(key, field.getValue());
    }
    return renamed;
  }

  private static String oldName(String key) {
    return OLD_KEYS.entrySet().stream().filter(e -> e.getValue().equals(key)).findFirst().orElseThrow().getKey();
  }

  private static int integer(ObjectNode o, String key, int fallback, String where) {
    JsonNode v = o.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber()) {
      throw new InvalidModelException(where + ": \"" + key + "\" must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static String text(ObjectNode o, String key, String fallback, String where) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new InvalidModelException(where + ": \"" + key + "\" must be a string, got " + v);
    }
    return v.textValue();
  }
}
