package lsr.index.seismic;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SparseIndex;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;

/**
 * A Seismic index opened from its folder (see {@link SeismicFormat}): every file memory-mapped
 * read-only with {@code java.lang.foreign}, so opening reads nothing but headers and footers (and
 * checksums when asked) and processes share the page cache. Thread-safe; search through
 * {@link #newSearcher()} (one per thread) or {@link #searchAll}. {@link #close()} unmaps the files:
 * searchers must not be used afterwards.
 */
public final class SeismicIndex implements SparseIndex {

  private final Path folder;
  private final Arena arena;
  private final Map<String, String> meta;
  private final SeismicConfig config;
  final ForwardIndex forward;
  final MemorySegment postings;
  final MemorySegment summaries;
  private final MemorySegment ids;
  private final long idOffsetsStart;
  private final long postingStartsAt;
  private final long summaryStartsAt;
  final int dimension;
  final int maxBlocks;
  /** Every list is one block without summary, evaluated whenever walked. */
  final boolean flatLists;

  private SeismicIndex(Path folder, Arena arena, IndexFile.Verify verify) throws IOException {
    this.folder = folder;
    this.arena = arena;
    MemorySegment metaBody = IndexFile.map(folder.resolve(SeismicFormat.META), arena, FileKind.SEISMIC_META, verify);
    this.meta = parseMeta(new String(metaBody.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
    Path metaFile = folder.resolve(SeismicFormat.META);
    int docs = (int) number(metaFile, "docs");
    long entries = number(metaFile, "entries");
    this.dimension = (int) number(metaFile, "dimension");
    this.maxBlocks = (int) number(metaFile, "maxBlocks");
    this.flatLists = Boolean.parseBoolean(meta.get(SeismicFormat.FLAT_LISTS));
    try {
      this.config = SeismicConfig.fromMap(configPart(meta));
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(metaFile, "bad build parameters: " + e.getMessage());
    }
    MemorySegment offsets = map(verify, SeismicFormat.DOC_OFFSETS, FileKind.DOC_OFFSETS, 8L * (docs + 1));
    MemorySegment terms = map(verify, SeismicFormat.DOC_TERMS, FileKind.DOC_TERMS, 2L * entries);
    MemorySegment values = map(verify, SeismicFormat.DOC_VALUES, FileKind.DOC_VALUES, (long) config.valueType().bytes() * entries);
    this.forward = new ForwardIndex(offsets, terms, values, config.valueType(), docs);
    if (docs > 0 && forward.start(docs) != entries) {
      throw new CorruptIndexException(folder.resolve(SeismicFormat.DOC_OFFSETS), "offsets do not end at the entry count");
    }
    this.ids = map(verify, SeismicFormat.DOC_IDS, FileKind.DOC_IDS, -1);
    this.idOffsetsStart = ids.byteSize() - 8L * (docs + 1);
    this.postings = map(verify, SeismicFormat.POSTINGS, FileKind.POSTINGS, -1);
    this.summaries = map(verify, SeismicFormat.SUMMARIES, FileKind.SUMMARIES, -1);
    this.postingStartsAt = tableStart(postings, SeismicFormat.POSTINGS);
    this.summaryStartsAt = tableStart(summaries, SeismicFormat.SUMMARIES);
  }

  /** Opens the index in {@code folder}, verifying every file's checksum. */
  public static SeismicIndex open(Path folder) throws IOException {
    return open(folder, IndexFile.Verify.CHECKSUM);
  }

  /**
   * Opens the index in {@code folder}.
   *
   * @param verify {@link IndexFile.Verify#STRUCTURE} opens in near-constant time, catching
   *     truncated and mismatched files; {@link IndexFile.Verify#CHECKSUM} also reads every byte once
   *     to catch corruption
   * @throws CorruptIndexException when a file is missing, truncated, corrupt or inconsistent
   */
  public static SeismicIndex open(Path folder, IndexFile.Verify verify) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + ": no such index folder");
    }
    Arena arena = Arena.ofShared();
    try {
      return new SeismicIndex(folder, arena, verify);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  private MemorySegment map(IndexFile.Verify verify, String file, FileKind kind, long expectedBytes) throws IOException {
    MemorySegment body = IndexFile.map(folder.resolve(file), arena, kind, verify);
    if (expectedBytes >= 0 && body.byteSize() != expectedBytes) {
      throw new CorruptIndexException(
          folder.resolve(file), "holds " + body.byteSize() + " bytes where meta.lsr implies " + expectedBytes);
    }
    return body;
  }

  private long tableStart(MemorySegment body, String file) throws IOException {
    // The records end 8-aligned and the table of starts follows them, so its last entry (the end
    // of the records) is the table's own offset.
    long at = body.byteSize() - 8L * (dimension + 1);
    if (at < 0 || body.get(SeismicFormat.I64, at + 8L * dimension) != at) {
      throw new CorruptIndexException(
          folder.resolve(file), "inconsistent with meta.lsr: no table of " + (dimension + 1) + " list starts at its end");
    }
    return at;
  }

  private static Map<String, String> parseMeta(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  private long number(Path metaFile, String key) throws CorruptIndexException {
    String v = meta.get(key);
    if (v == null) {
      throw new CorruptIndexException(metaFile, "missing '" + key + "'");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new CorruptIndexException(metaFile, "'" + key + "' is not a number: " + v);
    }
  }

  private static Map<String, String> configPart(Map<String, String> meta) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : SeismicConfig.DEFAULTS.toMap().keySet()) {
      if (meta.containsKey(key)) {
        m.put(key, meta.get(key));
      }
    }
    return m;
  }

  /** The build parameters this index was made with. */
  public SeismicConfig config() {
    return config;
  }

  /** Everything meta.lsr records: counts, build parameters, build statistics. */
  public Map<String, String> meta() {
    return Collections.unmodifiableMap(meta);
  }

  public Path folder() {
    return folder;
  }

  @Override
  public int size() {
    return forward.docs();
  }

  @Override
  public String externalId(int doc) {
    long from = ids.get(SeismicFormat.I64, idOffsetsStart + 8L * doc);
    long to = ids.get(SeismicFormat.I64, idOffsetsStart + 8L * (doc + 1));
    return new String(ids.asSlice(from, to - from).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  /** The stored document {@code doc} (weights as the forward index holds them). */
  public SparseVector document(int doc) {
    long start = forward.start(doc);
    int length = forward.length(doc);
    int[] t = new int[length];
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      t[i] = forward.term(start + i);
      v[i] = forward.value(start + i);
    }
    return SparseVector.of(t, v);
  }

  @Override
  public long sizeInBytes() {
    long total = 0;
    for (String f : SeismicFormat.FILES) {
      try {
        total += Files.size(folder.resolve(f));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the size of " + folder.resolve(f), e);
      }
    }
    return total;
  }

  @Override
  public SeismicSearcher newSearcher() {
    return new SeismicSearcher(this, SearchParams.DEFAULTS);
  }

  /** A searcher whose {@link SeismicSearcher#search(SparseVector, int, DocMask)} uses {@code params}. */
  public SeismicSearcher newSearcher(SearchParams params) {
    return new SeismicSearcher(this, params);
  }

  /** Searches every query with {@code params} on {@code threads} threads; results in query order. */
  public List<Hits> searchAll(List<SparseVector> queries, int k, SearchParams params, int threads) {
    return searchAll(queries, threads, (s, q) -> ((SeismicSearcher) s).search(q, k, params, DocMask.ALL));
  }

  /** Body offset of term {@code t}'s posting record; equal to the next term's when empty. */
  long postingStart(int t) {
    return postings.get(SeismicFormat.I64, postingStartsAt + 8L * t);
  }

  long summaryStart(int t) {
    return summaries.get(SeismicFormat.I64, summaryStartsAt + 8L * t);
  }

  /** Number of blocks of {@code term}'s posting list (0 when it has none). */
  int blockCount(int term) {
    if (term < 0 || term >= dimension || postingStart(term) == postingStart(term + 1)) {
      return 0;
    }
    return postings.get(SeismicFormat.I32, postingStart(term));
  }

  /** The documents of {@code term}'s posting list in block order (empty when it has none). */
  public int[] postingList(int term) {
    if (term < 0 || term >= dimension) {
      return new int[0];
    }
    long record = postingStart(term);
    if (record == postingStart(term + 1)) {
      return new int[0];
    }
    int blocks = postings.get(SeismicFormat.I32, record);
    int count = postings.get(SeismicFormat.I32, record + 4);
    long docIdsAt = record + 8 + 4L * (blocks + 1);
    int[] docs = new int[count];
    MemorySegment.copy(postings, SeismicFormat.I32, docIdsAt, docs, 0, count);
    return docs;
  }

  @Override
  public void close() {
    arena.close();
  }
}
