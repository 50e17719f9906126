package lsr.index.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import org.roaringbitmap.RoaringBitmap;

/**
 * A collection folder, open for search: the owner of the folder's files (see {@link
 * CollectionFormat}). It serves {@link Snapshot}s of its latest commit; a commit made through its
 * {@link #writer writer} is published at once, one made by another process is picked up by
 * {@link #refresh()}. Segments unchanged between commits are shared, not reopened. Thread-safe.
 */
public final class Collection implements AutoCloseable {

  /** Attempts to open the latest commit while another process replaces it under us. */
  private static final int OPEN_ATTEMPTS = 10;

  private final Path folder;
  private final IndexFile.Verify verify;
  /** The open segments of the current snapshot, by name; the collection holds one reference to each. */
  private final Map<String, Segment> open = new HashMap<>();
  private volatile Snapshot current;
  private CollectionWriter writer;
  private boolean closed;

  private Collection(Path folder, IndexFile.Verify verify) {
    this.folder = folder;
    this.verify = verify;
  }

  /** Opens the latest commit of {@code folder}, checking every file's structure. */
  public static Collection open(Path folder) throws IOException {
    return open(folder, IndexFile.Verify.STRUCTURE);
  }

  /**
   * Opens the latest commit of {@code folder}.
   *
   * @param verify how much of every file to check ({@link IndexFile.Verify#CHECKSUM} reads them whole)
   * @throws NoSuchFileException when the folder holds no collection (the message says what to do)
   * @throws lsr.index.store.CorruptIndexException naming a missing, extra or damaged file
   */
  public static Collection open(Path folder, IndexFile.Verify verify) throws IOException {
    requireCollection(folder);
    Collection c = new Collection(folder, verify);
    try {
      c.refresh();
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Creates a collection in {@code folder} (made when missing; it must not hold one) with no
   * documents, and opens it.
   *
   * @throws IllegalStateException when the folder already holds a collection
   */
  public static Collection create(Path folder, CollectionSettings settings, ObjectNode userData) throws IOException {
    Files.createDirectories(folder);
    try (WriteLock lock = WriteLock.acquire(folder, "lsr (creating the collection)")) {
      if (CommitPoint.latestGeneration(folder) > 0) {
        throw new IllegalStateException(folder + " already holds a collection");
      }
      new CommitPoint(1, 1, settings, List.of(), userData).write(folder);
    }
    return open(folder);
  }

  /**
   * Deletes the collection in {@code folder} and the folder, taking its write lock first so no
   * writer is cut off. The collection must be closed in this process.
   *
   * @throws CollectionLockedException when a writer holds it
   */
  public static void destroy(Path folder) throws IOException {
    requireCollection(folder);
    try (WriteLock lock = WriteLock.acquire(folder, "lsr (deleting the collection)")) {
      try (var entries = Files.list(folder)) {
        for (Path p : entries.toList()) {
          if (!p.getFileName().toString().equals(CollectionFormat.LOCK)) {
            org.apache.commons.io.file.PathUtils.delete(p);
          }
        }
      }
    }
    org.apache.commons.io.file.PathUtils.deleteDirectory(folder);
  }

  private static void requireCollection(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such collection folder");
    }
    if (CommitPoint.latestGeneration(folder) == 0) {
      String what = Files.exists(folder.resolve("lsr-index.json"))
          ? "an index folder of an earlier lsr (lsr-index.json), not a collection: build it again with lsr index"
          : "no collection here (no commit-<N>.lsr): create one with lsr index --out " + folder;
      throw new NoSuchFileException(folder.toString(), null, what);
    }
  }

  public Path folder() {
    return folder;
  }

  /** The latest commit this collection serves. */
  public CommitPoint commit() {
    return current.commit();
  }

  /**
   * The current snapshot, held until closed: searches, documents and counts as of one commit.
   *
   * @throws IllegalStateException when the collection is closed
   */
  public Snapshot acquire() {
    while (true) {
      Snapshot s = current;
      if (s == null) {
        throw new IllegalStateException(folder + " is closed");
      }
      if (s.retain()) {
        return s;
      }
      // Replaced and released between the read and the retain: the next read sees its successor.
    }
  }

  /**
   * Serves the latest commit on disk if it is newer than the current one (another process
   * committed). Retries while the files of a commit vanish under a concurrent merge.
   *
   * @return whether a newer commit is now served
   */
  public synchronized boolean refresh() throws IOException {
    for (int attempt = 1; ; attempt++) {
      long latest = CommitPoint.latestGeneration(folder);
      if (current != null && latest <= current.generation()) {
        return false;
      }
      try {
        publish(CommitPoint.read(folder, latest));
        return true;
      } catch (NoSuchFileException e) {
        if (attempt == OPEN_ATTEMPTS || CommitPoint.latestGeneration(folder) == latest) {
          throw e;
        }
      }
    }
  }

  /**
   * Makes {@code commit} the current snapshot, reusing the segments already open. Called by the
   * writer after each commit, and by {@link #refresh()}.
   */
  synchronized void publish(CommitPoint commit) throws IOException {
    if (closed) {
      throw new IllegalStateException(folder + " is closed");
    }
    Map<String, Segment> next = new HashMap<>();
    List<Segment> segments = new ArrayList<>();
    List<RoaringBitmap> deleted = new ArrayList<>();
    try {
      for (SegmentInfo info : commit.segments()) {
        Segment s = open.get(info.name());
        if (s == null) {
          s = Segment.open(folder, info, commit.settings(), verify);
        } else if (!s.retain()) {
          throw new IllegalStateException("segment " + info.name() + " closed while in use");
        }
        next.put(info.name(), s);
        segments.add(s);
        deleted.add(readDeletes(info));
      }
    } catch (IOException | RuntimeException e) {
      next.values().forEach(Segment::release);
      throw e;
    }
    Snapshot replaced = current;
    current = new Snapshot(this, commit, segments, deleted);
    open.values().forEach(Segment::release);
    open.clear();
    open.putAll(next);
    if (replaced != null) {
      replaced.close();
    }
  }

  private RoaringBitmap readDeletes(SegmentInfo info) throws IOException {
    RoaringBitmap deleted = new RoaringBitmap();
    if (info.deletes() != null) {
      Path file = folder.resolve(info.deletes().path());
      byte[] body = IndexFile.read(file, FileKind.DELETES);
      deleted.deserialize(java.nio.ByteBuffer.wrap(body));
      if (deleted.getLongCardinality() != info.deleted() || (!deleted.isEmpty() && deleted.last() >= info.documents())) {
        throw new lsr.index.store.CorruptIndexException(file, "holds " + deleted.getLongCardinality()
            + " deletions where the commit records " + info.deleted() + " of " + info.documents() + " documents");
      }
    }
    return deleted;
  }

  /**
   * The writer of this collection, taking the folder's write lock: one at a time per folder, across
   * processes. Its commits are served at once.
   *
   * @param holder who writes, for the message another writer gets
   * @throws CollectionLockedException when another writer holds the folder
   */
  public synchronized CollectionWriter writer(String holder, CollectionWriter.Options options) throws IOException {
    if (writer != null && writer.isOpen()) {
      throw new CollectionLockedException(folder, "another writer of this process (" + writer.holder() + ")");
    }
    WriteLock lock = WriteLock.acquire(folder, holder);
    try {
      refresh();
      writer = new CollectionWriter(this, lock, holder, options);
      return writer;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Closes the writer (when open, dropping what it has not committed; it waits for a running merge)
   * and lets go of every segment once no snapshot holds it.
   */
  @Override
  public void close() throws IOException {
    CollectionWriter w;
    synchronized (this) {
      if (closed) {
        return;
      }
      w = writer;
    }
    try {
      if (w != null && w.isOpen()) {
        w.close(); // outside the monitor: a merge finishing meanwhile publishes through it
      }
    } finally {
      synchronized (this) {
        closed = true;
        Snapshot s = current;
        current = null;
        if (s != null) {
          s.close();
        }
        open.values().forEach(Segment::release);
        open.clear();
      }
    }
  }
}
