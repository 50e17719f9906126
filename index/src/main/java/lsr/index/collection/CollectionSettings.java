package lsr.index.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.seismic.SeismicConfig;

/**
 * What every segment of a collection holds, fixed when the collection is created (the metadata
 * field types grow as new fields appear). Recorded in every commit point.
 *
 * @param bm25 the analyzer of the BM25 index, or null for a collection without BM25
 * @param sparse the sparse (SPLADE, uniCOIL) indexes: each a Seismic index per segment
 * @param dense the dense indexes: vectors (and an HNSW graph in large segments) per segment
 * @param fields the type of each metadata field seen so far
 */
public record CollectionSettings(
    TextAnalyzer bm25, List<SparseSpec> sparse, List<DenseSpec> dense, Map<String, FieldType> fields) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A sparse index of the collection.
   *
   * @param name its name, as stage and as folder ({@code splade})
   * @param encoder how documents and queries are encoded for it, as the encoding layer describes it
   *     (model reference, fingerprint, configuration); opaque to the index, may be empty
   * @param seismic the Seismic build options of its segments
   */
  public record SparseSpec(String name, JsonNode encoder, SeismicConfig seismic) {
    public SparseSpec {
      encoder = encoder == null ? JSON.createObjectNode() : encoder.deepCopy();
    }
  }

  /** A dense index of the collection; {@code encoder} as for {@link SparseSpec}. */
  public record DenseSpec(String name, JsonNode encoder) {
    public DenseSpec {
      encoder = encoder == null ? JSON.createObjectNode() : encoder.deepCopy();
    }
  }

  public CollectionSettings {
    sparse = List.copyOf(sparse);
    dense = List.copyOf(dense);
    fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    Set<String> names = new HashSet<>();
    names.add(CollectionFormat.BM25);
    for (String n : indexNames(sparse, dense)) {
      if (!NAME.matcher(n).matches()) {
        throw new IllegalArgumentException("index name '" + n + "' is not valid: use 1 to 32 lower-case letters,"
            + " digits, '_' or '-', starting with a letter or digit");
      }
      if (!names.add(n)) {
        throw new IllegalArgumentException("two indexes of the collection are called '" + n + "'"
            + (n.equals(CollectionFormat.BM25) ? " (bm25 is the BM25 index's name)" : ""));
      }
    }
    fields.keySet().forEach(FieldValue::checkName);
    if (bm25 == null && sparse.isEmpty() && dense.isEmpty()) {
      throw new IllegalArgumentException("a collection needs at least one index: BM25, a sparse or a dense one");
    }
  }

  private static List<String> indexNames(List<SparseSpec> sparse, List<DenseSpec> dense) {
    List<String> names = new ArrayList<>();
    sparse.forEach(s -> names.add(s.name()));
    dense.forEach(d -> names.add(d.name()));
    return names;
  }

  /** The sparse index called {@code name}, or null. */
  public SparseSpec sparse(String name) {
    return sparse.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** The dense index called {@code name}, or null. */
  public DenseSpec dense(String name) {
    return dense.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * These settings knowing the types of {@code documentFields} too.
   *
   * @throws IllegalArgumentException when a field already has another type
   */
  public CollectionSettings withFieldsOf(String documentId, Map<String, FieldValue> documentFields) {
    Map<String, FieldType> merged = null;
    for (Map.Entry<String, FieldValue> f : documentFields.entrySet()) {
      FieldType known = fields.get(f.getKey());
      FieldType type = f.getValue().type();
      if (known == null) {
        if (merged == null) {
          merged = new TreeMap<>(fields);
        }
        merged.put(f.getKey(), type);
      } else if (known != type) {
        throw new IllegalArgumentException("document " + documentId + ": field '" + f.getKey() + "' is a "
            + type.id() + ", but the collection holds it as " + known.id());
      }
    }
    return merged == null ? this : new CollectionSettings(bm25, sparse, dense, merged);
  }

  /**
   * Whether {@code other} describes the same indexes (BM25, sparse and dense, with their encoders and
   * build options), whatever field types each has seen. Compared as JSON text, so numbers read back
   * from a file equal the ones written.
   */
  public boolean sameIndexes(CollectionSettings other) {
    return toJson().without("fields").toString().equals(other.toJson().without("fields").toString());
  }

  /** The settings as JSON (camelCase names, Seismic options by their Java names). */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    if (bm25 != null) {
      o.putObject("bm25").put("analyzer", bm25.id());
    }
    ArrayNode s = o.putArray("sparse");
    for (SparseSpec spec : sparse) {
      ObjectNode n = s.addObject();
      n.put("name", spec.name());
      n.set("encoder", spec.encoder());
      n.set("seismic", JSON.valueToTree(spec.seismic().toMap()));
    }
    ArrayNode d = o.putArray("dense");
    for (DenseSpec spec : dense) {
      ObjectNode n = d.addObject();
      n.put("name", spec.name());
      n.set("encoder", spec.encoder());
    }
    ObjectNode f = o.putObject("fields");
    fields.forEach((name, type) -> f.put(name, type.id()));
    return o;
  }

  /**
   * The inverse of {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static CollectionSettings fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("settings must be a JSON object");
    }
    TextAnalyzer bm25 = o.hasNonNull("bm25") ? TextAnalyzer.of(o.get("bm25").path("analyzer").asText("english")) : null;
    List<SparseSpec> sparse = new ArrayList<>();
    for (JsonNode n : o.path("sparse")) {
      Map<String, Object> seismic = n.has("seismic") ? JSON.convertValue(n.get("seismic"), Map.class) : Map.of();
      sparse.add(new SparseSpec(n.path("name").asText(), n.get("encoder"), SeismicConfig.fromMap(seismic)));
    }
    List<DenseSpec> dense = new ArrayList<>();
    for (JsonNode n : o.path("dense")) {
      dense.add(new DenseSpec(n.path("name").asText(), n.get("encoder")));
    }
    Map<String, FieldType> fields = new TreeMap<>();
    o.path("fields").properties().forEach(e -> fields.put(e.getKey(), FieldType.parse(e.getValue().asText())));
    return new CollectionSettings(bm25, sparse, dense, fields);
  }
}
