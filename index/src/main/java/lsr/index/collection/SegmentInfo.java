package lsr.index.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment as a commit point records it.
 *
 * @param name its folder ({@code seg-7})
 * @param documents documents it holds, deleted ones included (its local numbers are 0 .. documents-1)
 * @param deleted how many of them are deleted as of this commit
 * @param deletes the deletion set of this commit, or null when none is deleted
 * @param files every file of the segment but the deletion set
 */
public record SegmentInfo(String name, int documents, int deleted, FileEntry deletes, List<FileEntry> files) {

  public SegmentInfo {
    files = List.copyOf(files);
    if (deleted < 0 || deleted > documents || (deleted > 0) != (deletes != null)) {
      throw new IllegalArgumentException("segment " + name + ": " + deleted + " of " + documents
          + " documents deleted, deletion set " + deletes);
    }
  }

  /** Documents not deleted. */
  public int live() {
    return documents - deleted;
  }

  /** Bytes of all its files. */
  public long bytes() {
    return files.stream().mapToLong(FileEntry::bytes).sum() + (deletes == null ? 0 : deletes.bytes());
  }

  /** This segment with another deletion set. */
  SegmentInfo withDeletes(int deletedCount, FileEntry deletesFile) {
    return new SegmentInfo(name, documents, deletedCount, deletesFile, files);
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    o.put("documents", documents);
    o.put("deleted", deleted);
    if (deletes != null) {
      o.set("deletes", deletes.toJson());
    }
    ArrayNode f = o.putArray("files");
    files.forEach(e -> f.add(e.toJson()));
    return o;
  }

  static SegmentInfo fromJson(JsonNode o) {
    List<FileEntry> files = new ArrayList<>();
    o.path("files").forEach(f -> files.add(FileEntry.fromJson(f)));
    return new SegmentInfo(o.path("name").asText(), o.path("documents").asInt(), o.path("deleted").asInt(),
        o.hasNonNull("deletes") ? FileEntry.fromJson(o.get("deletes")) : null, files);
  }
}
