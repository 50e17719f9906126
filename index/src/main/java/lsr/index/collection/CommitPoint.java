package lsr.index.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.Durability;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;

/**
 * One generation of a collection: its settings and live segments, each with its files and deletion
 * set. Stored as UTF-8 JSON in a container file of kind {@link FileKind#COMMIT} ({@code
 * commit-<G>.lsr}), so a torn or damaged commit point is caught by its checksum. The JSON:
 *
 * <pre>
 * Commit   := {"generation": G, "nextSegment": N, "settings": Settings, "segments": [Segment...],
 *              "userData": {...}}
 * Settings := {"bm25": {"analyzer": "english"} (absent without BM25),
 *              "sparse": [{"name", "encoder": {...}, "seismic": {SeismicConfig knobs}}...],
 *              "dense": [{"name", "encoder": {...}}...], "fields": {"name": "string|number|keywords"...}}
 * Segment  := {"name": "seg-N", "documents": n, "deleted": d, "deletes": File (absent when d is 0),
 *              "files": [File...]}
 * File     := {"path": "seg-N/docs.lsr", "kind": "DOCS" | "lucene", "version": v, "bytes": b,
 *              "checksum": hex}
 * </pre>
 *
 * @param generation G, rising by one with every commit
 * @param nextSegment the number the next new segment gets (numbers are never reused)
 * @param settings what every segment holds
 * @param segments the live segments, in collection order (their documents come in this order)
 * @param userData what the committing command records for itself (a resumable job's progress, a
 *     cache key); an empty object when nothing
 */
public record CommitPoint(long generation, long nextSegment, CollectionSettings settings, List<SegmentInfo> segments,
    ObjectNode userData) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CommitPoint {
    segments = List.copyOf(segments);
    userData = userData == null ? JSON.createObjectNode() : userData.deepCopy();
  }

  /** Documents not deleted, over all segments. */
  public long documents() {
    return segments.stream().mapToLong(SegmentInfo::live).sum();
  }

  /** The segment called {@code name}, or null. */
  public SegmentInfo segment(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** Bytes of every file the commit names. */
  public long bytes() {
    return segments.stream().mapToLong(SegmentInfo::bytes).sum();
  }

  /**
   * The commit as {@code lsr info} and the API describe it: generation, live documents, bytes,
   * settings and the segments (name, documents, deleted, bytes, and with {@code files} every file
   * with its kind, version, length and checksum).
   */
  public ObjectNode describe(boolean files) {
    ObjectNode o = JSON.createObjectNode();
    o.put("generation", generation);
    o.put("documents", documents());
    o.put("bytes", bytes());
    o.set("settings", settings.toJson());
    ArrayNode list = o.putArray("segments");
    for (SegmentInfo s : segments) {
      ObjectNode n = list.addObject();
      n.put("name", s.name());
      n.put("documents", s.documents());
      n.put("deleted", s.deleted());
      n.put("bytes", s.bytes());
      if (files) {
        ArrayNode f = n.putArray("files");
        s.files().forEach(e -> f.add(e.toJson()));
      }
    }
    return o;
  }

  ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("generation", generation);
    o.put("nextSegment", nextSegment);
    o.set("settings", settings.toJson());
    ArrayNode s = o.putArray("segments");
    segments.forEach(seg -> s.add(seg.toJson()));
    o.set("userData", userData);
    return o;
  }

  /** Writes this commit point under a temporary name, forces it, renames it into place and forces the folder. */
  void write(Path folder) throws IOException {
    Path target = folder.resolve(CollectionFormat.commitFile(generation));
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    IndexFileWriter.write(tmp, FileKind.COMMIT, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
    Durability.force(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    Durability.force(folder);
  }

  /** Reads commit point {@code generation} of {@code folder}, checking its checksum. */
  static CommitPoint read(Path folder, long generation) throws IOException {
    Path file = folder.resolve(CollectionFormat.commitFile(generation));
    JsonNode o;
    try {
      o = JSON.readTree(IndexFile.read(file, FileKind.COMMIT));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CorruptIndexException(file, "not a commit point: " + e.getOriginalMessage());
    }
    try {
      if (o.path("generation").asLong() != generation) {
        throw new CorruptIndexException(file, "records generation " + o.path("generation") + ", not " + generation);
      }
      List<SegmentInfo> segments = new ArrayList<>();
      o.path("segments").forEach(s -> segments.add(SegmentInfo.fromJson(s)));
      return new CommitPoint(generation, o.path("nextSegment").asLong(), CollectionSettings.fromJson(o.get("settings")),
          segments, o.path("userData").isObject() ? (ObjectNode) o.get("userData") : null);
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(file, "inconsistent commit point: " + e.getMessage());
    }
  }

  /** The highest generation whose commit point is in {@code folder}, or 0 when there is none. */
  static long latestGeneration(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.mapToLong(p -> CollectionFormat.commitGeneration(p.getFileName().toString())).filter(g -> g > 0)
          .max().orElse(0);
    }
  }
}
