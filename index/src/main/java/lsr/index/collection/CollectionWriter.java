package lsr.index.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import lsr.data.Document;
import lsr.index.store.Durability;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;
import org.apache.commons.io.file.PathUtils;
import org.roaringbitmap.RoaringBitmap;

/**
 * The one writer of a collection (see {@link Collection#writer}): adds, updates and deletes
 * documents and commits them atomically, and merges segments, in the background or on demand.
 *
 * <ul>
 *   <li>An added document goes to a buffer, which becomes a new segment at the next commit (or when
 *       it holds {@link Options#maxBufferedDocs()} documents); {@link #addAll} streams a whole input
 *       into one new segment instead.
 *   <li>Ids are unique among live documents: adding an id the collection holds replaces it (the
 *       older copy is marked deleted), the newest wins.
 *   <li>A delete marks the document in its segment's deletion set; the set is written anew (never
 *       edited) at the next commit.
 *   <li>{@link #commit} forces every new file to disk, then writes the next commit point and renames
 *       it into place (see {@link CommitPoint}); until then nothing of the change is visible or
 *       durable. Files no commit references are deleted after each commit and when the writer opens.
 *   <li>A merge reads its segments from a snapshot, so searches go on meanwhile, writes the merged
 *       segment, and commits it in their place; deletions made during the merge carry over.
 * </ul>
 *
 * Thread-safe: calls are serialized, a merge builds without holding the writer.
 */
public final class CollectionWriter implements AutoCloseable {

  /**
   * How the writer works.
   *
   * @param threads threads for building a segment's Seismic indexes
   * @param maxBufferedDocs added documents held in memory before they are written as a segment
   * @param mergePolicy which segments to merge
   * @param backgroundMerges whether commits start merges the policy asks for
   */
  public record Options(int threads, int maxBufferedDocs, MergePolicy mergePolicy, boolean backgroundMerges) {
    public static final Options DEFAULTS =
        new Options(Runtime.getRuntime().availableProcessors(), 100_000, MergePolicy.DEFAULTS, true);

    public Options {
      if (threads < 1 || maxBufferedDocs < 1) {
        throw new IllegalArgumentException("threads and maxBufferedDocs must be >= 1");
      }
    }

    public Options withBackgroundMerges(boolean on) {
      return new Options(threads, maxBufferedDocs, mergePolicy, on);
    }

    public Options withThreads(int n) {
      return new Options(n, maxBufferedDocs, mergePolicy, backgroundMerges);
    }
  }

  /** What adding a document did. */
  public enum Outcome { CREATED, UPDATED }

  /** What {@link #addAll} did. */
  public record Added(long created, long updated) {}

  /** A segment written since the last commit, open for finding ids. */
  private record Flushed(SegmentInfo info, Segment segment) {}

  private final Collection collection;
  private final WriteLock lock;
  private final String holder;
  private final Options options;
  private final Path root;
  private CommitPoint base;
  private Snapshot baseSnapshot;
  private CollectionSettings settings;
  private long nextSegment;
  private final LinkedHashMap<String, IndexedDocument> buffer = new LinkedHashMap<>();
  private final List<Flushed> flushed = new ArrayList<>();
  /** Deletion sets changed since the last commit, whole (copied on first change), by segment name. */
  private final Map<String, RoaringBitmap> pendingDeletes = new HashMap<>();
  /** Segment folders being written, which a cleanup must leave alone. */
  private final Set<String> writing = new HashSet<>();
  /** Committed segments a running merge has taken. */
  private final Set<String> merging = new HashSet<>();
  private final ExecutorService mergeThread;
  private Future<?> runningMerge;
  private volatile Throwable mergeFailure;
  private volatile boolean open = true;
  /** Set when close begins: no new merge starts. */
  private boolean closing;

  CollectionWriter(Collection collection, WriteLock lock, String holder, Options options) throws IOException {
    this.collection = collection;
    this.lock = lock;
    this.holder = holder;
    this.options = options;
    this.root = collection.folder();
    this.mergeThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lsr-merge-" + root.getFileName());
      t.setDaemon(true);
      return t;
    });
    rebase();
    deleteUnreferenced();
  }

  private void rebase() {
    Snapshot s = collection.acquire();
    if (baseSnapshot != null) {
      baseSnapshot.close();
    }
    baseSnapshot = s;
    base = s.commit();
    settings = base.settings();
    nextSegment = Math.max(nextSegment, base.nextSegment());
  }

  String holder() {
    return holder;
  }

  boolean isOpen() {
    return open;
  }

  /** The settings documents are checked against (with every field type seen so far). */
  public synchronized CollectionSettings settings() {
    return settings;
  }

  /** The last commit. */
  public synchronized CommitPoint lastCommit() {
    return base;
  }

  /** Documents added or deleted since the last commit. */
  public synchronized boolean hasUncommittedChanges() {
    return !buffer.isEmpty() || !flushed.isEmpty() || !pendingDeletes.isEmpty();
  }

  /**
   * The folder where job {@code job} keeps its resumable work until its documents are committed
   * (created when missing). Only the writer's holder uses it; {@link #dropStaging} removes it.
   */
  public Path staging(String job) throws IOException {
    return Files.createDirectories(CollectionFormat.staging(root).resolve(job));
  }

  /** Removes the staging folder of {@code job} (and the staging folder when it is empty). */
  public void dropStaging(String job) throws IOException {
    Path staging = CollectionFormat.staging(root);
    if (Files.exists(staging.resolve(job))) {
      PathUtils.deleteDirectory(staging.resolve(job));
    }
    if (!Files.exists(staging)) {
      return;
    }
    try (Stream<Path> rest = Files.list(staging)) {
      if (rest.findAny().isEmpty()) {
        Files.delete(staging);
      }
    }
  }

  /** The failure of the last background merge, or null. */
  public Throwable mergeFailure() {
    return mergeFailure;
  }

  /**
   * Adds a document, replacing the live one of the same id if any. Visible after the next commit.
   *
   * @throws IllegalArgumentException when a vector is missing or a field has another type than
   *     the collection gives it
   */
  public synchronized Outcome add(IndexedDocument d) throws IOException {
    ensureOpen();
    check(d);
    boolean existed = buffer.remove(d.id()) != null;
    existed |= deleteWritten(d.id());
    buffer.put(d.id(), d);
    if (buffer.size() >= options.maxBufferedDocs()) {
      flush();
    }
    return existed ? Outcome.UPDATED : Outcome.CREATED;
  }

  /**
   * Writes every document of {@code documents} into one new segment, streaming (for large inputs).
   * Visible after the next commit.
   *
   * @param replace whether a document whose id the collection holds replaces it; when false such a
   *     document is an error
   * @throws IllegalArgumentException for a document that does not fit (named), or an id that occurs
   *     twice in the input; nothing of the input is added then
   */
  public synchronized Added addAll(Iterator<IndexedDocument> documents, boolean replace) throws IOException {
    ensureOpen();
    if (!documents.hasNext()) {
      return new Added(0, 0);
    }
    flush();
    Map<String, RoaringBitmap> before = new HashMap<>();
    pendingDeletes.forEach((name, set) -> before.put(name, set.clone()));
    CollectionSettings settingsBefore = settings;
    long created = 0;
    long updated = 0;
    String name = reserveSegment();
    try (SegmentWriter w = new SegmentWriter(root, name, settings, options.threads())) {
      while (documents.hasNext()) {
        IndexedDocument d = documents.next();
        check(d);
        if (deleteWritten(d.id())) {
          if (!replace) {
            throw new IllegalArgumentException("document " + d.id() + " is already in the collection; "
                + "update mode replaces documents");
          }
          updated++;
        } else {
          created++;
        }
        w.add(d);
      }
      SegmentInfo info = w.finish(writtenDocuments() + w.size());
      flushed.add(new Flushed(info, Segment.open(root, info, settings, IndexFile.Verify.STRUCTURE)));
    } catch (IOException | RuntimeException e) {
      pendingDeletes.clear();
      pendingDeletes.putAll(before);
      settings = settingsBefore;
      throw e;
    } finally {
      writing.remove(name);
    }
    return new Added(created, updated);
  }

  /**
   * Deletes the live document called {@code id}. Effective after the next commit.
   *
   * @return whether there was one
   */
  public synchronized boolean delete(String id) throws IOException {
    ensureOpen();
    boolean buffered = buffer.remove(id) != null;
    return deleteWritten(id) || buffered;
  }

  /** The live document called {@code id} as the writer sees it, uncommitted changes included, or null. */
  public synchronized Document document(String id) {
    IndexedDocument d = buffer.get(id);
    if (d != null) {
      return d.document();
    }
    for (int i = flushed.size() - 1; i >= 0; i--) {
      Segment s = flushed.get(i).segment();
      int local = s.find(id);
      if (local >= 0 && !isDeleted(s.name(), local, null)) {
        return s.document(local);
      }
    }
    int doc = baseSnapshot.find(id);
    if (doc < 0) {
      return null;
    }
    int seg = baseSnapshot.segmentOf(doc);
    int local = doc - baseSnapshot.base(seg);
    return isDeleted(baseSnapshot.segments().get(seg).name(), local, baseSnapshot.deleted(seg)) ? null
        : baseSnapshot.document(doc);
  }

  private void check(IndexedDocument d) {
    settings = settings.withFieldsOf(d.id(), d.document().fields());
    for (CollectionSettings.SparseSpec s : settings.sparse()) {
      if (!d.sparse().containsKey(s.name())) {
        throw new IllegalArgumentException("document " + d.id() + " has no vector for sparse index '" + s.name() + "'");
      }
    }
    for (CollectionSettings.DenseSpec s : settings.dense()) {
      if (!d.dense().containsKey(s.name())) {
        throw new IllegalArgumentException("document " + d.id() + " has no vector for dense index '" + s.name() + "'");
      }
    }
  }

  /** Marks the live written (committed or flushed) document called {@code id} deleted; whether there was one. */
  private boolean deleteWritten(String id) {
    for (int i = flushed.size() - 1; i >= 0; i--) {
      Segment s = flushed.get(i).segment();
      if (markDeleted(s.name(), s.find(id), null)) {
        return true;
      }
    }
    List<Segment> segments = baseSnapshot.segments();
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (markDeleted(segments.get(i).name(), segments.get(i).find(id), baseSnapshot.deleted(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean markDeleted(String segment, int local, RoaringBitmap committed) {
    if (local < 0 || isDeleted(segment, local, committed)) {
      return false;
    }
    pendingDeletes.computeIfAbsent(segment, n -> committed == null ? new RoaringBitmap() : committed.clone()).add(local);
    return true;
  }

  private boolean isDeleted(String segment, int local, RoaringBitmap committed) {
    RoaringBitmap pending = pendingDeletes.get(segment);
    return pending != null ? pending.contains(local) : committed != null && committed.contains(local);
  }

  /** Writes the buffered documents as a new segment (not yet committed). */
  private void flush() throws IOException {
    if (buffer.isEmpty()) {
      return;
    }
    String name = reserveSegment();
    try (SegmentWriter w = new SegmentWriter(root, name, settings, options.threads())) {
      for (IndexedDocument d : buffer.values()) {
        w.add(d);
      }
      SegmentInfo info = w.finish(writtenDocuments() + w.size());
      flushed.add(new Flushed(info, Segment.open(root, info, settings, IndexFile.Verify.STRUCTURE)));
      buffer.clear();
    } finally {
      writing.remove(name);
    }
  }

  /** Documents of the last commit and of the segments written since (deleted ones counted too). */
  private long writtenDocuments() {
    return base.documents() + flushed.stream().mapToLong(f -> f.info().documents()).sum();
  }

  private String reserveSegment() {
    String name = CollectionFormat.segmentName(nextSegment++);
    writing.add(name);
    return name;
  }

  /**
   * Makes every change since the last commit visible and durable: new segments and deletion sets
   * are forced to disk, then the next commit point is renamed into place. Without changes and
   * without {@code userData}, nothing is written.
   *
   * @param userData what the caller records with this commit (replacing the last one's), or null to
   *     keep the last one's
   * @return the generation now current
   */
  public synchronized long commit(ObjectNode userData) throws IOException {
    ensureOpen();
    if (!hasUncommittedChanges() && userData == null) {
      return base.generation();
    }
    flush();
    long generation = base.generation() + 1;
    List<SegmentInfo> segments = new ArrayList<>();
    for (SegmentInfo s : base.segments()) {
      addWithDeletes(segments, s, generation);
    }
    for (Flushed f : flushed) {
      addWithDeletes(segments, f.info(), generation);
    }
    publish(new CommitPoint(generation, nextSegment, settings, segments, userData != null ? userData : base.userData()));
    flushed.forEach(f -> f.segment().release());
    flushed.clear();
    pendingDeletes.clear();
    maybeMerge();
    return generation;
  }

  /**
   * Adds {@code s} to {@code segments} with its pending deletion set written, or drops it when all its
   * documents are deleted.
   */
  private void addWithDeletes(List<SegmentInfo> segments, SegmentInfo s, long generation) throws IOException {
    RoaringBitmap deleted = pendingDeletes.get(s.name());
    if (deleted == null) {
      segments.add(s);
    } else if (deleted.getLongCardinality() < s.documents() || merging.contains(s.name())) {
      // A segment a merge reads stays listed even when emptied, so the merge can map its deletions.
      segments.add(s.withDeletes(deleted.getCardinality(), writeDeletes(s.name(), deleted, generation)));
    }
  }

  private FileEntry writeDeletes(String segment, RoaringBitmap deleted, long generation) throws IOException {
    deleted.runOptimize();
    ByteBuffer body = ByteBuffer.allocate(deleted.serializedSizeInBytes());
    deleted.serialize(body);
    Path folder = root.resolve(segment);
    Path file = folder.resolve(CollectionFormat.deletesFile(generation));
    IndexFileWriter.write(file, FileKind.DELETES, body.array());
    Durability.forceAll(List.of(file, folder));
    IndexFile.Description d = IndexFile.describe(file);
    return new FileEntry(root.relativize(file).toString().replace('\\', '/'), d.kind(), d.version(), d.bytes(),
        SegmentFiles.hex(d.checksum()));
  }

  /** Writes {@code commit}, serves it, and deletes what no commit references any more. */
  private void publish(CommitPoint commit) throws IOException {
    commit.write(root);
    collection.publish(commit);
    rebase();
    deleteUnreferenced();
  }

  /**
   * Deletes what the last commit does not reference: older commit points, unfinished commit
   * points, segments no commit holds (left by a killed writer, or merged away) and old deletion
   * sets. Snapshots still reading them keep their open files (POSIX keeps a deleted file's data
   * while it is open or mapped).
   */
  private void deleteUnreferenced() throws IOException {
    Set<String> live = new HashSet<>(writing);
    flushed.forEach(f -> live.add(f.info().name()));
    Map<String, SegmentInfo> committed = new HashMap<>();
    base.segments().forEach(s -> committed.put(s.name(), s));
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        long generation = CollectionFormat.commitGeneration(name);
        if ((generation > 0 && generation < base.generation()) || (name.startsWith("commit-") && name.endsWith(".tmp"))) {
          Files.deleteIfExists(p);
        } else if (CollectionFormat.segmentNumber(name) >= 0 && !live.contains(name)) {
          SegmentInfo s = committed.get(name);
          if (s == null) {
            PathUtils.deleteDirectory(p);
          } else {
            deleteOldDeletes(p, s);
          }
        }
      }
    }
  }

  private void deleteOldDeletes(Path folder, SegmentInfo s) throws IOException {
    String keep = s.deletes() == null ? null : Path.of(s.deletes().path()).getFileName().toString();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith("deletes-") && !name.equals(keep)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Starts a background merge when the policy asks for one and none is running. */
  private void maybeMerge() {
    if (closing || !options.backgroundMerges() || (runningMerge != null && !runningMerge.isDone())) {
      return;
    }
    List<SegmentInfo> run = options.mergePolicy().select(base.segments(), merging);
    if (run != null) {
      startMerge(run);
    }
  }

  private void startMerge(List<SegmentInfo> run) {
    run.forEach(s -> merging.add(s.name()));
    Snapshot snapshot = collection.acquire();
    String name = reserveSegment();
    runningMerge = mergeThread.submit(() -> {
      try {
        SegmentMerger.Merged merged = SegmentMerger.merge(root, name, run, snapshot, options.threads());
        commitMerge(run, merged.docMaps(), snapshot, merged.info());
      } catch (Throwable e) {
        mergeFailure = e;
      } finally {
        snapshot.close();
        synchronized (this) {
          run.forEach(s -> merging.remove(s.name()));
          writing.remove(name);
        }
      }
      synchronized (this) {
        if (open && mergeFailure == null) {
          maybeMerge();
        }
      }
    });
  }

  /**
   * Merges segments until at most {@code maxSegments} remain (with 1, the lone segment is also
   * rewritten without its deleted documents), waiting for a running merge first. Uncommitted
   * changes are not part of it; they stay pending.
   */
  public void forceMerge(int maxSegments) throws IOException {
    while (true) {
      awaitMerge();
      synchronized (this) {
        ensureOpen();
        if (runningMerge != null && !runningMerge.isDone()) {
          continue; // a commit started another meanwhile
        }
        List<SegmentInfo> run = MergePolicy.forced(base.segments(), maxSegments);
        if (run == null) {
          return;
        }
        mergeFailure = null;
        startMerge(run);
      }
      awaitMerge();
      Throwable failure = mergeFailure;
      if (failure != null) {
        mergeFailure = null;
        throw new IOException("merging " + root + " failed: " + failure.getMessage(), failure);
      }
    }
  }

  /** Waits (without holding the writer) until no merge runs. */
  private void awaitMerge() throws IOException {
    Future<?> f;
    synchronized (this) {
      f = runningMerge;
    }
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a merge of " + root, e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  /**
   * Commits a finished merge: the merged segment replaces the run where it stood, carrying over the
   * deletions made in the run's segments since the merge started (committed and pending).
   */
  private synchronized void commitMerge(List<SegmentInfo> run, int[][] docMaps, Snapshot from, SegmentInfo merged)
      throws IOException {
    if (!open) {
      return; // the writer closed meanwhile: the unreferenced segment goes at the next open
    }
    long generation = base.generation() + 1;
    RoaringBitmap committedSince = new RoaringBitmap();
    RoaringBitmap pending = null;
    for (int r = 0; r < run.size(); r++) {
      String name = run.get(r).name();
      RoaringBitmap atStart = from.deleted(SegmentMerger.indexOf(from, name));
      RoaringBitmap now = baseSnapshot.deleted(SegmentMerger.indexOf(baseSnapshot, name));
      for (int local : RoaringBitmap.andNot(now, atStart)) {
        committedSince.add(docMaps[r][local]);
      }
      RoaringBitmap p = pendingDeletes.remove(name);
      if (p != null) {
        pending = pending == null ? new RoaringBitmap() : pending;
        for (int local : p) {
          if (docMaps[r][local] >= 0) {
            pending.add(docMaps[r][local]);
          }
        }
      }
    }
    List<SegmentInfo> segments = new ArrayList<>();
    int first = base.segments().indexOf(base.segment(run.get(0).name()));
    for (int i = 0; i < base.segments().size(); i++) {
      SegmentInfo s = base.segments().get(i);
      if (i == first && merged != null && committedSince.getLongCardinality() < merged.documents()) {
        segments.add(committedSince.isEmpty() ? merged
            : merged.withDeletes(committedSince.getCardinality(), writeDeletes(merged.name(), committedSince, generation)));
      }
      if (run.stream().noneMatch(m -> m.name().equals(s.name()))) {
        segments.add(s);
      }
    }
    boolean kept = merged != null && segments.stream().anyMatch(x -> x.name().equals(merged.name()));
    if (kept && pending != null) {
      pending.or(committedSince);
      pendingDeletes.put(merged.name(), pending);
    }
    publish(new CommitPoint(generation, nextSegment, settings, segments, base.userData()));
  }

  private void ensureOpen() {
    if (!open) {
      throw new IllegalStateException("the writer of " + root + " is closed");
    }
  }

  /**
   * Waits for a running merge, drops uncommitted changes, deletes their files and releases the
   * lock.
   */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (!open) {
        return;
      }
      closing = true;
    }
    try {
      awaitMerge();
    } finally {
      synchronized (this) {
        open = false;
        mergeThread.shutdownNow();
        flushed.forEach(f -> f.segment().release());
        flushed.clear();
        buffer.clear();
        pendingDeletes.clear();
        try {
          deleteUnreferenced();
        } finally {
          baseSnapshot.close();
          lock.close();
        }
      }
    }
  }
}
