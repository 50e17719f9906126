package lsr.index.bm25;

import static lsr.index.bm25.Bm25SegmentWriter.ANALYZER_KEY;
import static lsr.index.bm25.Bm25SegmentWriter.DOCUMENTS_KEY;
import static lsr.index.bm25.Bm25SegmentWriter.FORMAT;
import static lsr.index.bm25.Bm25SegmentWriter.FORMAT_KEY;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsr.index.store.CorruptIndexException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;

/**
 * One segment's BM25 directory (written by {@link Bm25SegmentWriter}), open for search through
 * {@link Bm25Searcher}. Thread-safe. Closing is the owner's job: a segment shared by several
 * snapshots is reference counted elsewhere.
 */
public final class Bm25Segment implements Closeable {

  /**
   * One Lucene file of a segment, for a manifest.
   *
   * @param name the file name inside the segment's folder
   * @param bytes its length
   * @param checksum Lucene's footer checksum: the CRC32 of every byte before it
   */
  public record LuceneFile(String name, long bytes, long checksum) {
    public LuceneFile {
      if (name.isEmpty() || bytes < 0) {
        throw new IllegalArgumentException(
            "a Lucene file needs a name and a length >= 0, got '" + name + "', " + bytes);
      }
    }
  }

  private final Directory dir;
  private final DirectoryReader reader;
  private final TextAnalyzer analyzer;
  private final Analyzer queryAnalyzer;

  private Bm25Segment(Directory dir, DirectoryReader reader, TextAnalyzer analyzer) {
    this.dir = dir;
    this.reader = reader;
    this.analyzer = analyzer;
    this.queryAnalyzer = analyzer.newAnalyzer();
  }

  /**
   * Opens the segment in {@code folder}.
   *
   * @throws NoSuchFileException when {@code folder} holds no Lucene index
   * @throws CorruptIndexException when it holds one that is not an lsr BM25 segment
   */
  public static Bm25Segment open(Path folder) throws IOException {
    Directory dir = openDirectory(folder);
    DirectoryReader reader = null;
    try {
      SegmentInfos commit = readCommit(folder, dir);
      reader = DirectoryReader.open(dir);
      return new Bm25Segment(dir, reader, TextAnalyzer.of(commit.getUserData().get(ANALYZER_KEY)));
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileSuppressingExceptions(e, reader, dir);
      throw e;
    }
  }

  /** Number of documents: local docs are 0 to size - 1. */
  public int size() {
    return reader.maxDoc();
  }

  /** The analyzer the segment was written with, also the one for queries. */
  public TextAnalyzer analyzer() {
    return analyzer;
  }

  DirectoryReader reader() {
    return reader;
  }

  Analyzer queryAnalyzer() {
    return queryAnalyzer;
  }

  /**
   * The Lucene files of the segment in {@code folder}, by name, with their length and Lucene's
   * checksum as the footer holds it (not verified: see {@link #check}).
   */
  public static List<LuceneFile> files(Path folder) throws IOException {
    try (Directory dir = openDirectory(folder)) {
      List<LuceneFile> files = new ArrayList<>();
      for (String name : readCommit(folder, dir).files(true).stream().sorted().toList()) {
        files.add(reading(folder.resolve(name), () -> {
          try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
            return new LuceneFile(name, in.length(), CodecUtil.retrieveChecksum(in));
          }
        }));
      }
      return files;
    }
  }

  /**
   * Verifies the segment in {@code folder}: every file's checksum over its whole content, then that
   * the commit is an lsr BM25 segment whose files are all present.
   *
   * @throws CorruptIndexException naming the folder and the bad file
   */
  public static void check(Path folder) throws IOException {
    try (Directory dir = openDirectory(folder)) {
      // Every file before reading the commit, so that a damaged segments_N or .si file is named itself.
      String[] present = dir.listAll();
      for (String name : present) {
        if (!name.equals(IndexWriter.WRITE_LOCK_NAME)) {
          reading(folder.resolve(name), () -> {
            try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
              return CodecUtil.checksumEntireFile(in);
            }
          });
        }
      }
      Set<String> presentNames = Set.of(present);
      for (String name : readCommit(folder, dir).files(true)) {
        if (!presentNames.contains(name)) {
          throw new CorruptIndexException(folder.resolve(name), "missing");
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, queryAnalyzer, dir);
  }

  /** FSDirectory.open would create a missing folder. */
  private static Directory openDirectory(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no BM25 segment here");
    }
    return FSDirectory.open(folder);
  }

  /** The segment's last commit, checked to be an lsr BM25 segment. */
  private static SegmentInfos readCommit(Path folder, Directory dir) throws IOException {
    SegmentInfos commit;
    try {
      commit = SegmentInfos.readLatestCommit(dir);
    } catch (IndexNotFoundException e) {
      throw new NoSuchFileException(folder.toString(), null, "no BM25 segment here (no Lucene commit)");
    }
    Map<String, String> data = commit.getUserData();
    if (!FORMAT.equals(data.get(FORMAT_KEY))) {
      throw new CorruptIndexException(folder, "a Lucene index, but not an lsr BM25 segment (format "
          + data.get(FORMAT_KEY) + ", expected " + FORMAT + ")");
    }
    try {
      TextAnalyzer.of(data.get(ANALYZER_KEY));
    } catch (IllegalArgumentException e) {
      throw new CorruptIndexException(folder, e.getMessage() + " in the segment's commit data");
    }
    // Local docs are Lucene docs of the one Lucene segment: anything else would misplace deletions.
    if (commit.size() > 1 || !Integer.toString(commit.totalMaxDoc()).equals(data.get(DOCUMENTS_KEY))) {
      throw new CorruptIndexException(folder, "the commit data names " + data.get(DOCUMENTS_KEY)
          + " documents in one Lucene segment, but Lucene holds " + commit.totalMaxDoc() + " in " + commit.size());
    }
    return commit;
  }

  /** Runs a read of {@code file}, turning Lucene's signs of a damaged file into a CorruptIndexException naming it. */
  private static <T> T reading(Path file, IOSupplier<T> read) throws IOException {
    try {
      return read.get();
    } catch (org.apache.lucene.index.CorruptIndexException | EOFException e) {
      CorruptIndexException corrupt = new CorruptIndexException(file, e.getMessage());
      corrupt.initCause(e);
      throw corrupt;
    }
  }
}
