package lsr.index.bm25;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import lsr.index.store.UnsyncedDirectory;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * Writes one segment's BM25 directory: documents get local numbers 0, 1, 2, ... in the order they
 * are added, and Lucene numbers them the same, because deletions and filters name local documents.
 * Not thread-safe: one thread adds.
 *
 * <p>Layout: a Lucene index of exactly one Lucene segment (none when empty), holding only what BM25
 * reads, nothing stored:
 *
 * <pre>
 * Segment     := LuceneFiles, Commit
 * Commit      := segments_N with user data {lsr.format: "bm25-segment-v1", lsr.analyzer: TextAnalyzer.id(),
 *                lsr.documents: decimal document count}
 * Fields      := contents (title + "\n" + text, or text alone; docs and frequencies, norms for lengths),
 *                doc (NumericDocValues: the local doc, which must equal Lucene's doc)
 * </pre>
 */
public final class Bm25SegmentWriter implements Closeable {

  static final String FORMAT_KEY = "lsr.format";
  static final String FORMAT = "bm25-segment-v1";
  static final String ANALYZER_KEY = "lsr.analyzer";
  static final String DOCUMENTS_KEY = "lsr.documents";

  static final String CONTENTS = "contents";
  static final String DOC = "doc";

  /** BM25 reads term frequencies and document lengths (norms): no positions, nothing stored. */
  private static final FieldType CONTENTS_TYPE = contentsType();

  /** RAM is taken only as documents come, and large segments flush and merge less. */
  private static final double RAM_BUFFER_MB = 256;

  private final Path folder;
  private final boolean createdFolder;
  private final TextAnalyzer analyzer;
  private final Directory dir;
  private final Analyzer luceneAnalyzer;
  private final IndexWriter writer;
  // One document reused for every add, as Lucene recommends.
  private final Document doc = new Document();
  private final Field contents = new Field(CONTENTS, "", CONTENTS_TYPE);
  private final NumericDocValuesField localDoc = new NumericDocValuesField(DOC, 0);
  private int size;
  private boolean finished;
  private boolean closed;

  private Bm25SegmentWriter(Path folder, boolean createdFolder, TextAnalyzer analyzer, Directory dir,
      Analyzer luceneAnalyzer, IndexWriter writer) {
    this.folder = folder;
    this.createdFolder = createdFolder;
    this.analyzer = analyzer;
    this.dir = dir;
    this.luceneAnalyzer = luceneAnalyzer;
    this.writer = writer;
    doc.add(contents);
    doc.add(localDoc);
  }

  /**
   * Starts a segment in {@code folder}, which must not exist or be empty.
   *
   * @throws FileAlreadyExistsException when {@code folder} holds anything
   */
  public static Bm25SegmentWriter create(Path folder, TextAnalyzer analyzer) throws IOException {
    return create(folder, analyzer, IndexWriterConfig.DISABLE_AUTO_FLUSH);
  }

  /**
   * As {@link #create(Path, TextAnalyzer)}, also flushing every {@code maxBufferedDocs} documents:
   * tests make many Lucene segments so.
   */
  static Bm25SegmentWriter create(Path folder, TextAnalyzer analyzer, int maxBufferedDocs) throws IOException {
    boolean created = Files.notExists(folder);
    if (!created && !isEmptyFolder(folder)) {
      throw new FileAlreadyExistsException(folder.toString(), null, "a new BM25 segment needs a new or empty folder");
    }
    Files.createDirectories(folder);
    Directory dir = new UnsyncedDirectory(FSDirectory.open(folder));
    Analyzer luceneAnalyzer = analyzer.newAnalyzer();
    try {
      IndexWriterConfig config = new IndexWriterConfig(luceneAnalyzer)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          // Merges only adjacent Lucene segments, so documents keep the order they were added in.
          .setMergePolicy(mergePolicy())
          // Merges run in the calling thread: no thread is started for a segment's one merge.
          .setMergeScheduler(new SerialMergeScheduler())
          .setRAMBufferSizeMB(RAM_BUFFER_MB)
          .setMaxBufferedDocs(maxBufferedDocs)
          // Only finish() commits: an unfinished segment never looks like a segment.
          .setCommitOnClose(false);
      return new Bm25SegmentWriter(folder, created, analyzer, dir, luceneAnalyzer, new IndexWriter(dir, config));
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileSuppressingExceptions(e, luceneAnalyzer, dir);
      try {
        deleteWritten(folder, created);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Adds the next document, local doc {@link #size()}; its indexed text is the title and the text together. */
  public void add(String title, String text) throws IOException {
    if (finished) {
      throw new IllegalStateException(folder + ": the segment is finished; segments are immutable");
    }
    contents.setStringValue(title.isEmpty() ? text : title + "\n" + text);
    localDoc.setLongValue(size);
    writer.addDocument(doc);
    size++;
  }

  /** Number of documents added. */
  public int size() {
    return size;
  }

  /**
   * Force-merges to one Lucene segment, checks that Lucene's doc is the local doc of every document,
   * then commits with commit data naming the format, the analyzer and the count (not forced to disk:
   * the segment's files are forced together by whoever commits the segment).
   * The segment can be opened with {@link Bm25Segment#open} once this returns.
   *
   * @throws IllegalStateException when Lucene numbered the documents otherwise (a bug: nothing is committed)
   */
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException(folder + ": the segment is already finished");
    }
    writer.forceMerge(1);
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      checkDocOrder(reader);
    }
    writer.setLiveCommitData(Map.of(
        FORMAT_KEY, FORMAT, ANALYZER_KEY, analyzer.id(), DOCUMENTS_KEY, Integer.toString(size)).entrySet());
    writer.commit();
    writer.close();
    finished = true;
  }

  private void checkDocOrder(DirectoryReader reader) throws IOException {
    if (reader.maxDoc() != size || reader.hasDeletions() || reader.leaves().size() > 1) {
      throw new IllegalStateException(folder + ": expected one Lucene segment of " + size + " documents, found "
          + reader.leaves().size() + " segments of " + reader.numDocs() + " live documents out of " + reader.maxDoc());
    }
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues local = DocValues.getNumeric(leaf.reader(), DOC);
      for (int d = 0; d < size; d++) {
        if (!local.advanceExact(d) || local.longValue() != d) {
          throw new IllegalStateException(folder + ": Lucene doc " + d + " is not local doc " + d
              + "; Lucene reordered the documents");
        }
      }
    }
  }

  /** Releases the writer; a segment that was not finished is deleted. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (finished) {
      IOUtils.close(luceneAnalyzer, dir);
      return;
    }
    try {
      writer.rollback();
    } finally {
      IOUtils.close(luceneAnalyzer, dir);
    }
    deleteWritten(folder, createdFolder);
  }

  /**
   * Merges only adjacent Lucene segments, so documents keep the order they were added in; keeps
   * every segment in one compound file, so a flushed segment is already merged (forcing one
   * segment rewrites nothing) and a commit has few files to force.
   */
  private static LogDocMergePolicy mergePolicy() {
    LogDocMergePolicy p = new LogDocMergePolicy();
    p.setNoCFSRatio(1.0);
    p.setMaxCFSSegmentSizeMB(Double.POSITIVE_INFINITY);
    return p;
  }

  private static FieldType contentsType() {
    FieldType type = new FieldType();
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.freeze();
    return type;
  }

  private static boolean isEmptyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Everything in the folder was written by this writer, since it started empty. */
  private static void deleteWritten(Path folder, boolean createdFolder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    if (createdFolder) {
      Files.delete(folder);
    }
  }
}
