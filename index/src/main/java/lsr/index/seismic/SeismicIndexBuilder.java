package lsr.index.seismic;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import lsr.data.SparseVector;
import lsr.index.VectorCollection;
import lsr.index.Workers;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;

/**
 * Builds a Seismic index folder from a stream of documents, in bounded memory.
 *
 * <ol>
 *   <li>{@link #add}: each document goes straight to the forward-index files on disk; memory keeps
 *       only counts of its weights ({@link PruningCandidates}).
 *   <li>{@link #build}: the list size and the global threshold are found, one pass over the mapped
 *       forward index gathers the pruned lists (at most {@code nPostings × maxFraction} per term),
 *       then lists are blocked and summarized in batches on {@code threads} threads and written in
 *       term order; memory holds one batch of finished lists at a time.
 * </ol>
 *
 * Documents get dense ids 0, 1, 2, ... in the order they are added. Not thread-safe.
 */
public final class SeismicIndexBuilder implements Closeable {

  /** Lists blocked in parallel between two writes: bounds the memory held by finished lists. */
  private static final int BATCH_LISTS = 256;

  private final Path folder;
  private final SeismicConfig config;
  private final int threads;
  private final IndexFileWriter offsets;
  private final IndexFileWriter terms;
  private final IndexFileWriter values;
  private final IndexFileWriter ids;
  private final PruningCandidates candidates;
  private long[] idOffsets = new long[1024];
  private int docs;
  private long entries;
  private int dimension;
  private boolean built;

  /**
   * Starts an index in {@code folder} (created if missing; index files already there are
   * replaced).
   *
   * @param threads threads for blocking and summarizing lists
   */
  public SeismicIndexBuilder(Path folder, SeismicConfig config, int threads) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.folder = folder;
    this.config = config;
    this.threads = threads;
    Files.createDirectories(folder);
    this.offsets = IndexFileWriter.create(folder.resolve(SeismicFormat.DOC_OFFSETS), FileKind.DOC_OFFSETS);
    this.terms = IndexFileWriter.create(folder.resolve(SeismicFormat.DOC_TERMS), FileKind.DOC_TERMS);
    this.values = IndexFileWriter.create(folder.resolve(SeismicFormat.DOC_VALUES), FileKind.DOC_VALUES);
    this.ids = IndexFileWriter.create(folder.resolve(SeismicFormat.DOC_IDS), FileKind.DOC_IDS);
    this.candidates = new PruningCandidates(config);
    offsets.writeLong(0);
  }

  /** Builds an index of a whole in-memory collection and opens it. */
  public static SeismicIndex build(Path folder, VectorCollection collection, SeismicConfig config, int threads)
      throws IOException {
    try (SeismicIndexBuilder b = new SeismicIndexBuilder(folder, config, threads)) {
      for (int d = 0; d < collection.size(); d++) {
        b.add(collection.id(d), collection.vector(d));
      }
      return b.build();
    }
  }

  /** Number of documents added so far. */
  public int size() {
    return docs;
  }

  /**
   * Adds the next document.
   *
   * @throws IllegalArgumentException when a term id exceeds 65535, the document has more than
   *     65535 entries, or an f16 index gets a weight above 65504
   */
  public void add(String id, SparseVector vector) throws IOException {
    if (built) {
      throw new IllegalStateException("the index is already built");
    }
    int n = vector.size();
    if (n > SeismicFormat.MAX_DOC_LENGTH) {
      throw new IllegalArgumentException("document " + id + " has " + n + " entries; at most 65535 are supported");
    }
    int doc = docs;
    int stored = 0;
    for (int i = 0; i < n; i++) {
      int term = vector.termId(i);
      if (term > SeismicFormat.MAX_TERM) {
        throw new IllegalArgumentException(
            "document " + id + " has term id " + term + "; Seismic indexes hold term ids up to 65535");
      }
      float weight = vector.weight(i);
      float kept;
      if (config.valueType() == ValueType.F16) {
        if (weight > 65504f) {
          throw new IllegalArgumentException(
              "document " + id + " has weight " + weight + " for term " + term
                  + ", above f16's largest (65504); build with --value-type f32");
        }
        short half = Float.floatToFloat16(weight);
        kept = Float.float16ToFloat(half);
        if (kept == 0f) {
          continue; // below f16's smallest step: contributes nothing to any score
        }
        values.writeShort(half);
      } else {
        kept = weight;
        values.writeFloat(weight);
      }
      terms.writeShort(term);
      candidates.add(term, kept);
      dimension = Math.max(dimension, term + 1);
      stored++;
    }
    entries += stored;
    offsets.writeLong(entries);
    if (docs + 1 >= idOffsets.length) {
      idOffsets = Arrays.copyOf(idOffsets, idOffsets.length * 2);
    }
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ids.writeBytes(idBytes);
    idOffsets[docs + 1] = idOffsets[docs] + idBytes.length;
    docs++;
  }

  /** Prunes, blocks and summarizes the lists, writes the remaining files and opens the index. */
  public SeismicIndex build() throws IOException {
    return build(1.0, false);
  }

  /**
   * {@link #build()} for an index holding {@code share} of a collection's documents (a segment):
   * pruning keeps that share of the collection's posting budget ({@link SeismicConfig#postingsPerList})
   * and lists are cut into more, smaller blocks ({@link SeismicConfig#forShare}).
   *
   * @param flat keep every list as one block without a summary, evaluated whenever it is walked:
   *     for small segments, where walking a few short lists whole costs less than clustering and
   *     summarizing every list costs to build (see {@link SeismicFormat})
   */
  public SeismicIndex build(double share, boolean flat) throws IOException {
    if (built) {
      throw new IllegalStateException("the index is already built");
    }
    built = true;
    long start = System.nanoTime();
    offsets.finish();
    terms.finish();
    values.finish();
    ids.align(8);
    for (int d = 0; d <= docs; d++) {
      ids.writeLong(idOffsets[d]);
    }
    ids.finish();
    idOffsets = null;

    Map<String, Object> stats = new LinkedHashMap<>();
    try (Arena arena = Arena.ofShared()) {
      ForwardIndex forward =
          new ForwardIndex(
              map(arena, SeismicFormat.DOC_OFFSETS, FileKind.DOC_OFFSETS),
              map(arena, SeismicFormat.DOC_TERMS, FileKind.DOC_TERMS),
              map(arena, SeismicFormat.DOC_VALUES, FileKind.DOC_VALUES),
              config.valueType(),
              docs);
      int nPostings = candidates.postingsPerList(share);
      float threshold = candidates.threshold(forward, nPostings);
      candidates.collect(forward, threshold, nPostings);
      stats.put("postingsPerList", nPostings);
      stats.put("collectionShare", share);
      SeismicConfig blocking = config.forShare(share);
      stats.put("blockCentroidFraction", blocking.centroidFraction());
      stats.put(SeismicFormat.FLAT_LISTS, flat);
      writeLists(forward, threshold, stats, flat ? null : blocking);
    }
    writeMeta(stats, (System.nanoTime() - start) / 1e9);
    return SeismicIndex.open(folder);
  }

  private MemorySegment map(Arena arena, String file, FileKind kind) throws IOException {
    return IndexFile.map(folder.resolve(file), arena, kind, IndexFile.Verify.STRUCTURE);
  }

  /** Writes the pruned lists, blocked with {@code blocking}, or flat (one block each) when it is null. */
  private void writeLists(ForwardIndex forward, float threshold, Map<String, Object> stats, SeismicConfig blocking)
      throws IOException {
    long[] postingStarts = new long[dimension + 1];
    long[] summaryStarts = new long[dimension + 1];
    long postings = 0;
    long blocks = 0;
    long summaryEntries = 0;
    int maxBlocks = 0;
    try (IndexFileWriter post = IndexFileWriter.create(folder.resolve(SeismicFormat.POSTINGS), FileKind.POSTINGS);
        IndexFileWriter summ = IndexFileWriter.create(folder.resolve(SeismicFormat.SUMMARIES), FileKind.SUMMARIES);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<ListBlocker> blockers = new ArrayList<>();
      if (blocking != null) {
        TopEntries top = TopEntries.compute(forward, config.kmeansDocCut(), pool, threads);
        for (int i = 0; i < threads; i++) {
          blockers.add(new ListBlocker(forward, top, blocking, dimension));
        }
      }
      for (int first = 0; first < dimension; first += BATCH_LISTS) {
        int count = Math.min(BATCH_LISTS, dimension - first);
        int[][] lists = new int[count][];
        for (int i = 0; i < count; i++) {
          lists[i] = candidates.take(first + i);
        }
        BuiltList[] built = blocking == null ? flat(lists) : buildBatch(pool, blockers, first, lists);
        for (int i = 0; i < count; i++) {
          int term = first + i;
          BuiltList list = built[i];
          postingStarts[term] = bodyOffset(post);
          summaryStarts[term] = bodyOffset(summ);
          if (list.docIds().length > 0) {
            writePostings(post, list);
            writeSummaries(summ, list);
            postings += list.docIds().length;
            blocks += list.blocks();
            summaryEntries += list.components().length;
            maxBlocks = Math.max(maxBlocks, list.blocks());
          }
        }
      }
      postingStarts[dimension] = bodyOffset(post);
      summaryStarts[dimension] = bodyOffset(summ);
      post.align(8);
      for (long s : postingStarts) {
        post.writeLong(s);
      }
      summ.align(8);
      for (long s : summaryStarts) {
        summ.writeLong(s);
      }
      post.finish();
      summ.finish();
    }
    stats.put("postings", postings);
    stats.put("blocks", blocks);
    stats.put("summaryEntries", summaryEntries);
    stats.put("maxBlocks", maxBlocks);
    stats.put("pruningThreshold", threshold);
  }

  private static BuiltList[] buildBatch(ExecutorService pool, List<ListBlocker> blockers, int first, int[][] lists) {
    BuiltList[] built = new BuiltList[lists.length];
    AtomicInteger next = new AtomicInteger();
    Workers.run(pool, blockers.size(), w -> {
      ListBlocker blocker = blockers.get(w);
      for (int i = next.getAndIncrement(); i < lists.length; i = next.getAndIncrement()) {
        built[i] = blocker.build(first + i, lists[i]);
        lists[i] = null;
      }
    });
    return built;
  }

  private static BuiltList[] flat(int[][] lists) {
    BuiltList[] built = new BuiltList[lists.length];
    for (int i = 0; i < lists.length; i++) {
      built[i] = BuiltList.flat(lists[i]);
      lists[i] = null;
    }
    return built;
  }

  private static long bodyOffset(IndexFileWriter w) {
    return w.position() - 16;
  }

  private static void writePostings(IndexFileWriter w, BuiltList list) throws IOException {
    w.writeInt(list.blocks());
    w.writeInt(list.docIds().length);
    for (int s : list.blockStarts()) {
      w.writeInt(s);
    }
    for (int d : list.docIds()) {
      w.writeInt(d);
    }
    w.align(8);
  }

  private static void writeSummaries(IndexFileWriter w, BuiltList list) throws IOException {
    w.writeInt(list.blocks());
    w.writeInt(list.components().length);
    for (float m : list.mins()) {
      w.writeFloat(m);
    }
    for (float s : list.steps()) {
      w.writeFloat(s);
    }
    for (int s : list.summaryStarts()) {
      w.writeInt(s);
    }
    for (int c : list.components()) {
      w.writeShort(c);
    }
    w.writeBytes(list.codes());
    w.align(8);
  }

  private void writeMeta(Map<String, Object> stats, double listSeconds) throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("formatVersion", SeismicFormat.VERSION);
    meta.put("docs", docs);
    meta.put("dimension", dimension);
    meta.put("entries", entries);
    meta.putAll(stats);
    meta.put("listSeconds", listSeconds);
    meta.putAll(config.toMap());
    StringBuilder text = new StringBuilder();
    meta.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try (IndexFileWriter w = IndexFileWriter.create(folder.resolve(SeismicFormat.META), FileKind.SEISMIC_META)) {
      w.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
      w.finish();
    }
  }

  /** Deletes the partial files of an index that was never {@link #build() built}. */
  @Override
  public void close() throws IOException {
    offsets.close();
    terms.close();
    values.close();
    ids.close();
  }
}
