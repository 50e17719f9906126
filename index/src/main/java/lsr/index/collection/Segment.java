package lsr.index.collection;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.index.SearcherPool;
import lsr.index.bm25.Bm25Segment;
import lsr.index.dense.DenseVectors;
import lsr.index.dense.HnswVectors;
import lsr.index.docs.DocIdTable;
import lsr.index.docs.StoredDocuments;
import lsr.index.fields.FieldIndex;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicSearcher;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.IndexFile;

/**
 * One committed segment, open: every part memory-mapped (BM25 through Lucene). Shared by every
 * snapshot that holds it and closed when the last lets go (reference counted). Deletions are not
 * part of it: they change from commit to commit, the segment never does. Thread-safe.
 */
public final class Segment {

  private final SegmentInfo info;
  private final Arena arena;
  private final DocIdTable ids;
  private final StoredDocuments documents;
  private final Path fieldsFile;
  private volatile FieldIndex fields;
  private final Bm25Segment bm25;
  private final Map<String, SeismicIndex> sparse = new LinkedHashMap<>();
  private final Map<String, SearcherPool<SeismicSearcher>> searchers = new HashMap<>();
  private final Map<String, DenseVectors> dense = new LinkedHashMap<>();
  private final Map<String, HnswVectors> hnsw = new HashMap<>();
  private final AtomicInteger refs = new AtomicInteger(1);

  private Segment(SegmentInfo info, Arena arena, DocIdTable ids, StoredDocuments documents, Path fieldsFile,
      Bm25Segment bm25) {
    this.info = info;
    this.arena = arena;
    this.ids = ids;
    this.documents = documents;
    this.fieldsFile = fieldsFile;
    this.bm25 = bm25;
  }

  /**
   * Opens a committed segment of the collection in {@code root}; what was opened is closed again
   * when a part fails.
   *
   * @param verify {@link IndexFile.Verify#STRUCTURE} checks names, lengths, headers and footers;
   *     {@link IndexFile.Verify#CHECKSUM} reads every byte too
   * @throws CorruptIndexException naming the file that is missing, extra, truncated or damaged
   */
  static Segment open(Path root, SegmentInfo info, CollectionSettings settings, IndexFile.Verify verify)
      throws IOException {
    Path folder = root.resolve(info.name());
    checkFiles(root, folder, info);
    Arena arena = Arena.ofShared();
    Segment s = null;
    try {
      DocIdTable ids = DocIdTable.open(folder.resolve(CollectionFormat.IDS), arena, verify);
      StoredDocuments documents = StoredDocuments.open(folder.resolve(CollectionFormat.DOCS), arena, verify);
      for (int size : new int[] {ids.size(), documents.size()}) {
        if (size != info.documents()) {
          throw new CorruptIndexException(folder, "holds " + size + " documents where the commit records "
              + info.documents());
        }
      }
      Bm25Segment bm25 = settings.bm25() == null ? null : Bm25Segment.open(folder.resolve(CollectionFormat.BM25));
      s = new Segment(info, arena, ids, documents, folder.resolve(CollectionFormat.FIELDS), bm25);
      for (CollectionSettings.SparseSpec spec : settings.sparse()) {
        SeismicIndex index = SeismicIndex.open(folder.resolve(CollectionFormat.sparseFolder(spec.name())), verify);
        s.sparse.put(spec.name(), index);
        s.searchers.put(spec.name(), new SearcherPool<>(index::newSearcher));
        if (index.size() != info.documents()) {
          throw new CorruptIndexException(index.folder(), "holds " + index.size() + " documents where the commit"
              + " records " + info.documents());
        }
      }
      for (CollectionSettings.DenseSpec spec : settings.dense()) {
        DenseVectors vectors = DenseVectors.open(folder.resolve(CollectionFormat.denseFile(spec.name())), arena, verify);
        s.dense.put(spec.name(), vectors);
        Path graph = folder.resolve(CollectionFormat.denseHnswFolder(spec.name()));
        if (Files.isDirectory(graph)) {
          s.hnsw.put(spec.name(), HnswVectors.open(graph));
        }
      }
      return s;
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      } else {
        arena.close();
      }
      throw e;
    }
  }

  /** The files the commit names are there with their lengths, and no other file is. */
  private static void checkFiles(Path root, Path folder, SegmentInfo info) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "segment folder missing");
    }
    Set<String> expected = new TreeSet<>();
    for (FileEntry f : info.files()) {
      expected.add(f.path());
      Path file = root.resolve(f.path());
      if (!Files.isRegularFile(file)) {
        throw new CorruptIndexException(file, "missing: the commit names it (" + f.kind() + ")");
      }
      long bytes = Files.size(file);
      if (bytes != f.bytes()) {
        throw new CorruptIndexException(file, "holds " + bytes + " bytes where the commit records " + f.bytes());
      }
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!name.startsWith("deletes-") && !name.equals("write.lock") && !expected.contains(relative)) {
          throw new CorruptIndexException(file, "a file the commit does not name is in the segment");
        }
      }
    }
  }

  public String name() {
    return info.name();
  }

  public SegmentInfo info() {
    return info;
  }

  /** Documents, deleted ones included: local numbers are 0 .. size()-1. */
  public int size() {
    return info.documents();
  }

  public String id(int doc) {
    return ids.id(doc);
  }

  /** The local number of {@code id}, deleted or not, or -1. */
  public int find(String id) {
    return ids.find(id);
  }

  /** The stored document {@code doc}; a damaged block is reported naming the file and document. */
  public Document document(int doc) {
    try {
      return documents.document(doc);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The metadata field index, read on the first filter (most searches use none). */
  public FieldIndex fields() {
    FieldIndex f = fields;
    if (f == null) {
      synchronized (this) {
        if (fields == null) {
          try {
            fields = FieldIndex.open(fieldsFile, IndexFile.Verify.STRUCTURE);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        f = fields;
      }
    }
    return f;
  }

  /** The BM25 part, or null when the collection has no BM25. */
  public Bm25Segment bm25() {
    return bm25;
  }

  /** The Seismic index of sparse index {@code name}. */
  public SeismicIndex sparse(String name) {
    return sparse.get(name);
  }

  /** The searchers of sparse index {@code name}, one per concurrent search. */
  SearcherPool<SeismicSearcher> searchers(String name) {
    return searchers.get(name);
  }

  /** The stored vector of document {@code doc} in sparse index {@code name}. */
  public SparseVector sparseVector(String name, int doc) {
    return sparse.get(name).document(doc);
  }

  /** The vectors of dense index {@code name}. */
  public DenseVectors dense(String name) {
    return dense.get(name);
  }

  /** The HNSW graph of dense index {@code name}, or null when the segment is small enough to scan. */
  public HnswVectors hnsw(String name) {
    return hnsw.get(name);
  }

  /** Takes a reference; false when the segment is already closed. */
  boolean retain() {
    for (int r = refs.get(); r > 0; r = refs.get()) {
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Drops a reference; the last one closes every part. */
  void release() {
    if (refs.decrementAndGet() == 0) {
      close();
    }
  }

  private void close() {
    sparse.values().forEach(SeismicIndex::close);
    hnsw.values().forEach(HnswVectors::close);
    try {
      if (bm25 != null) {
        bm25.close();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      arena.close();
    }
  }

}
