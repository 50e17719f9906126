package lsr.index.collection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes the live documents of adjacent segments of a snapshot as one new segment, in their order,
 * and maps each old local number to its new one: what a commit needs to carry over deletions made
 * while the merge ran. Documents are read back as the segments hold them (stored fields, the
 * forward index's weights, the dense vectors), so a merge rebuilds exactly what a fresh build of
 * the same documents builds.
 */
final class SegmentMerger {

  /**
   * A finished merge.
   *
   * @param info the merged segment, or null when no document of the run was live
   * @param docMaps for each segment of the run, the new local number of each old one (-1: deleted)
   */
  record Merged(SegmentInfo info, int[][] docMaps) {}

  private SegmentMerger() {}

  static Merged merge(Path root, String name, List<SegmentInfo> run, Snapshot snapshot, int threads)
      throws IOException {
    int[][] docMaps = new int[run.size()][];
    try (SegmentWriter w = new SegmentWriter(root, name, snapshot.settings(), threads)) {
      for (int r = 0; r < run.size(); r++) {
        int i = indexOf(snapshot, run.get(r).name());
        Segment source = snapshot.segments().get(i);
        RoaringBitmap deleted = snapshot.deleted(i);
        int[] map = new int[source.size()];
        for (int local = 0; local < source.size(); local++) {
          if (deleted.contains(local)) {
            map[local] = -1;
          } else {
            map[local] = w.size();
            w.add(read(source, local, snapshot.settings()));
          }
        }
        docMaps[r] = map;
      }
      return new Merged(w.size() > 0 ? w.finish(snapshot.documents()) : null, docMaps);
    }
  }

  /** The position of segment {@code name} in {@code snapshot}. */
  static int indexOf(Snapshot snapshot, String name) {
    for (int i = 0; i < snapshot.segments().size(); i++) {
      if (snapshot.segments().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("segment " + name + " is not in the snapshot merged from");
  }

  /** A stored document with its vectors, as the segment holds them. */
  private static IndexedDocument read(Segment s, int local, CollectionSettings settings) {
    Map<String, SparseVector> sparse = new LinkedHashMap<>();
    for (CollectionSettings.SparseSpec spec : settings.sparse()) {
      sparse.put(spec.name(), s.sparseVector(spec.name(), local));
    }
    Map<String, float[]> dense = new LinkedHashMap<>();
    for (CollectionSettings.DenseSpec spec : settings.dense()) {
      dense.put(spec.name(), s.dense(spec.name()).vector(local));
    }
    return new IndexedDocument(s.document(local), sparse, dense);
  }
}
