package lsr.index.collection;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lsr.data.SparseVector;
import lsr.index.bm25.Bm25SegmentWriter;
import lsr.index.dense.DenseVectors;
import lsr.index.dense.DenseVectorsWriter;
import lsr.index.dense.HnswVectors;
import lsr.index.docs.DocIdTableWriter;
import lsr.index.docs.StoredDocumentsWriter;
import lsr.index.fields.FieldIndexWriter;
import lsr.index.seismic.SeismicIndexBuilder;
import lsr.index.store.Durability;
import lsr.index.store.IndexFile;
import org.apache.commons.io.file.PathUtils;

/**
 * Writes one segment from a stream of documents, every part at once: ids, stored documents, the
 * field index, BM25, a Seismic index per sparse index and vectors per dense index. Each part streams
 * to disk, so memory holds little more than what the Seismic builders count per term. Documents get
 * local numbers 0, 1, 2, ... in the order they are added, the same in every part. Not thread-safe.
 */
final class SegmentWriter implements Closeable {

  private final Path root;
  private final Path folder;
  private final String name;
  private final CollectionSettings settings;
  private final DocIdTableWriter ids;
  private final StoredDocumentsWriter docs;
  private final FieldIndexWriter fields;
  private final Bm25SegmentWriter bm25;
  private final Map<String, SeismicIndexBuilder> sparse = new LinkedHashMap<>();
  private final Map<String, DenseVectorsWriter> dense = new LinkedHashMap<>();
  private final int threads;
  private int documents;
  private boolean finished;

  /**
   * Starts segment {@code name} in {@code root}; its folder must not exist yet.
   *
   * @param threads threads for building the Seismic indexes
   */
  SegmentWriter(Path root, String name, CollectionSettings settings, int threads) throws IOException {
    this.root = root;
    this.name = name;
    this.settings = settings;
    this.threads = threads;
    this.folder = root.resolve(name);
    Files.createDirectory(folder);
    this.ids = DocIdTableWriter.create(folder.resolve(CollectionFormat.IDS));
    this.docs = StoredDocumentsWriter.create(folder.resolve(CollectionFormat.DOCS));
    this.fields = FieldIndexWriter.create(folder.resolve(CollectionFormat.FIELDS));
    this.bm25 = settings.bm25() == null ? null
        : Bm25SegmentWriter.create(folder.resolve(CollectionFormat.BM25), settings.bm25());
    for (CollectionSettings.SparseSpec s : settings.sparse()) {
      sparse.put(s.name(), new SeismicIndexBuilder(folder.resolve(CollectionFormat.sparseFolder(s.name())), s.seismic(),
          threads));
    }
  }

  String name() {
    return name;
  }

  /** Documents added so far. */
  int size() {
    return documents;
  }

  /**
   * Adds the next document.
   *
   * @throws IllegalArgumentException when it lacks a vector of an index, or a vector does not fit it
   */
  void add(IndexedDocument d) throws IOException {
    for (CollectionSettings.SparseSpec s : settings.sparse()) {
      SparseVector v = d.sparse().get(s.name());
      if (v == null) {
        throw new IllegalArgumentException("document " + d.id() + " has no vector for sparse index '" + s.name() + "'");
      }
      sparse.get(s.name()).add(d.id(), v);
    }
    for (CollectionSettings.DenseSpec s : settings.dense()) {
      float[] v = d.dense().get(s.name());
      if (v == null) {
        throw new IllegalArgumentException("document " + d.id() + " has no vector for dense index '" + s.name() + "'");
      }
      DenseVectorsWriter w = dense.get(s.name());
      if (w == null) {
        w = DenseVectorsWriter.create(folder.resolve(CollectionFormat.denseFile(s.name())), v.length);
        dense.put(s.name(), w);
      }
      w.add(v);
    }
    ids.add(d.id());
    docs.add(d.document());
    fields.add(d.document().fields());
    if (bm25 != null) {
      bm25.add(d.document().title(), d.document().text());
    }
    documents++;
  }

  /**
   * Finishes every part, forces the files and folders to disk and describes them.
   *
   * @param collectionDocuments documents of the collection once this segment is in it: a segment's
   *     Seismic indexes keep their share of the collection's posting budget, so that segments
   *     together keep about what one index of the whole collection would
   * @throws IllegalStateException when no document was added
   * @throws IllegalArgumentException when an id occurs twice
   */
  SegmentInfo finish(long collectionDocuments) throws IOException {
    if (documents == 0) {
      throw new IllegalStateException("segment " + name + " has no documents");
    }
    ids.finish();
    docs.finish();
    fields.finish();
    if (bm25 != null) {
      bm25.finish();
    }
    double share = documents / (double) Math.max(documents, collectionDocuments);
    for (SeismicIndexBuilder b : sparse.values()) {
      b.build(share, documents <= CollectionFormat.FLAT_SEGMENT_DOCS).close();
    }
    for (Map.Entry<String, DenseVectorsWriter> e : dense.entrySet()) {
      e.getValue().finish();
      if (documents > CollectionFormat.HNSW_THRESHOLD) {
        try (Arena arena = Arena.ofConfined()) {
          Path file = folder.resolve(CollectionFormat.denseFile(e.getKey()));
          HnswVectors.build(folder.resolve(CollectionFormat.denseHnswFolder(e.getKey())),
              DenseVectors.open(file, arena, IndexFile.Verify.STRUCTURE));
        }
      }
    }
    finished = true;
    Durability.forceTree(folder);
    return new SegmentInfo(name, documents, 0, null, SegmentFiles.describe(root, folder));
  }

  /** Closes the parts; a segment never finished is deleted whole. */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    try (ids; docs; fields) {
      if (bm25 != null) {
        bm25.close();
      }
      for (SeismicIndexBuilder b : sparse.values()) {
        b.close();
      }
      for (DenseVectorsWriter w : dense.values()) {
        w.close();
      }
    } finally {
      PathUtils.deleteDirectory(folder);
    }
  }
}
