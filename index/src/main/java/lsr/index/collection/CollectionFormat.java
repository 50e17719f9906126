package lsr.index.collection;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk layout of a collection folder: the one place that names its files. Only the classes
 * of this package create, name or delete them.
 *
 * <pre>
 * &lt;collection&gt;/
 *   write.lock                 the writer's lock: an OS file lock held while a writer is open (a
 *                              killed process releases it); the text names the holder
 *   commit-&lt;G&gt;.lsr             commit point of generation G (kind CMIT): UTF-8 JSON of {@link CommitPoint}
 *                              — settings, live segments, each segment's files with kind, version,
 *                              length and checksum; the highest G present is the collection
 *   commit-&lt;G&gt;.lsr.tmp         a commit being written; renamed to commit-&lt;G&gt;.lsr once fsynced
 *   seg-&lt;N&gt;/                   a segment (N never reused), immutable once committed:
 *     ids.lsr                  external ids and their hash table (kind IDTB)
 *     docs.lsr                 stored documents: id, title, text, metadata fields (kind DOCS)
 *     fields.lsr               the metadata field index (kind FLDS)
 *     bm25/                    Lucene directory of the BM25 terms, when the collection has BM25
 *     sparse-&lt;name&gt;/           a Seismic index per sparse index of the settings (see SeismicFormat)
 *     dense-&lt;name&gt;.lsr         dense vectors per dense index (kind DVEC)
 *     dense-&lt;name&gt;.hnsw/       their HNSW graph (Lucene), for segments above {@link #HNSW_THRESHOLD}
 *     deletes-&lt;G&gt;.lsr          the segment's deleted documents as of commit G (kind DELS): a
 *                              RoaringBitmap of local document numbers; written anew, never edited
 *   staging/                   resumable work of lsr index (encoded vectors of an input not yet
 *                              committed), removed once its documents are committed
 *   ltr-model.json             optional: the reranker of the collection's hybrid (lsr train-ltr)
 * </pre>
 *
 * A commit is made visible by one atomic rename after every file it names, and the commit itself,
 * has been forced to disk; the folder is forced after the rename. A process killed at any moment
 * leaves the last renamed commit complete. The next writer deletes every file no commit references.
 */
public final class CollectionFormat {

  static final String LOCK = "write.lock";
  static final String STAGING = "staging";
  static final String IDS = "ids.lsr";
  static final String DOCS = "docs.lsr";
  static final String FIELDS = "fields.lsr";
  static final String BM25 = "bm25";
  /**
   * Segments of at most this many documents keep their Seismic lists flat (one block each, no
   * summary, walked whole): writing a batch from the API then costs no clustering or summaries,
   * and walking a few short lists whole is cheap. Merges make the larger segments Seismic blocks.
   */
  public static final int FLAT_SEGMENT_DOCS = 2048;
  /** Dense indexes of more documents than this in one segment also get an HNSW graph. */
  public static final int HNSW_THRESHOLD = 200_000;

  private static final Pattern COMMIT = Pattern.compile("commit-(\\d+)\\.lsr");
  private static final Pattern SEGMENT = Pattern.compile("seg-(\\d+)");

  private CollectionFormat() {}

  static String commitFile(long generation) {
    return "commit-" + generation + ".lsr";
  }

  /** The generation a file name is the commit point of, or -1. */
  static long commitGeneration(String fileName) {
    Matcher m = COMMIT.matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  static String segmentName(long number) {
    return "seg-" + number;
  }

  /** The number of a segment folder name, or -1. */
  static long segmentNumber(String fileName) {
    Matcher m = SEGMENT.matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  static String sparseFolder(String indexName) {
    return "sparse-" + indexName;
  }

  static String denseFile(String indexName) {
    return "dense-" + indexName + ".lsr";
  }

  static String denseHnswFolder(String indexName) {
    return "dense-" + indexName + ".hnsw";
  }

  static String deletesFile(long generation) {
    return "deletes-" + generation + ".lsr";
  }

  /** The staging folder of {@code collection}, where lsr index keeps its resumable encodings. */
  public static Path staging(Path collection) {
    return collection.resolve(STAGING);
  }

  /** The reranker file of {@code collection} (present or not). */
  public static Path ltrModel(Path collection) {
    return collection.resolve("ltr-model.json");
  }

  /** Whether {@code folder} holds a collection (at least one commit point). */
  public static boolean isCollection(Path folder) {
    try (var files = java.nio.file.Files.list(folder)) {
      return files.anyMatch(p -> commitGeneration(p.getFileName().toString()) > 0);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
