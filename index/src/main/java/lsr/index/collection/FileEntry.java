package lsr.index.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One file a commit point names, with what it must be.
 *
 * @param path the path relative to the collection folder, with {@code /} between names
 * @param kind the container kind ({@link lsr.index.store.FileKind#code()}), or {@code lucene} for a
 *     file of a Lucene directory
 * @param version the body version (0 for Lucene files, whose codec checks its own)
 * @param bytes the file's length
 * @param checksum the checksum its footer records, in hex: CRC-32C for the container, Lucene's CRC-32
 */
public record FileEntry(String path, String kind, int version, long bytes, String checksum) {

  static final String LUCENE = "lucene";

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("path", path);
    o.put("kind", kind);
    o.put("version", version);
    o.put("bytes", bytes);
    o.put("checksum", checksum);
    return o;
  }

  static FileEntry fromJson(JsonNode o) {
    return new FileEntry(o.path("path").asText(), o.path("kind").asText(), o.path("version").asInt(),
        o.path("bytes").asLong(), o.path("checksum").asText());
  }
}
