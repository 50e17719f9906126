package lsr.index.collection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.Bm25Searcher;
import lsr.index.bm25.Bm25Segment;
import lsr.index.fields.FieldFilter;
import org.roaringbitmap.RoaringBitmap;

/**
 * A collection as of one commit: its segments and their deletions, fixed for as long as it is held,
 * whatever commits and merges happen meanwhile. Documents have global numbers: a segment's base (the
 * documents of the segments before it, deleted ones included) plus its local number, so a ranking
 * over global numbers orders ties as one index over all documents in collection order would.
 *
 * <p>Take one with {@link Collection#acquire()} and {@link #close()} it when done. Thread-safe.
 */
public final class Snapshot implements AutoCloseable {

  private final Collection collection;
  private final CommitPoint commit;
  private final List<Segment> segments;
  private final List<RoaringBitmap> deleted;
  private final int[] bases;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final ConcurrentHashMap<Bm25Params, Bm25Searcher> bm25 = new ConcurrentHashMap<>();

  /** Takes a reference to each segment; {@code deleted} are not copied and must never change. */
  Snapshot(Collection collection, CommitPoint commit, List<Segment> segments, List<RoaringBitmap> deleted) {
    this.collection = collection;
    this.commit = commit;
    this.segments = List.copyOf(segments);
    this.deleted = List.copyOf(deleted);
    this.bases = new int[segments.size() + 1];
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).retain()) {
        throw new IllegalStateException("segment " + segments.get(i).name() + " is closed");
      }
      bases[i + 1] = Math.addExact(bases[i], segments.get(i).size());
    }
  }

  /** The collection this is a snapshot of. */
  public Collection collection() {
    return collection;
  }

  public long generation() {
    return commit.generation();
  }

  public CommitPoint commit() {
    return commit;
  }

  public CollectionSettings settings() {
    return commit.settings();
  }

  public List<Segment> segments() {
    return segments;
  }

  /** The deleted local documents of segment {@code i} (empty when none); never modify it. */
  public RoaringBitmap deleted(int i) {
    return deleted.get(i);
  }

  /** Documents not deleted. */
  public long documents() {
    return commit.documents();
  }

  /** One past the largest global document number. */
  public int maxDoc() {
    return bases[segments.size()];
  }

  /** The global number of segment {@code i}'s first document. */
  public int base(int i) {
    return bases[i];
  }

  /** The segment holding global document {@code doc}. */
  public int segmentOf(int doc) {
    int i = Arrays.binarySearch(bases, 0, segments.size(), doc);
    // Empty segments do not exist, so an exact hit is the segment starting there.
    return i >= 0 ? i : -i - 2;
  }

  /** The external id of global document {@code doc}. */
  public String id(int doc) {
    int s = segmentOf(doc);
    return segments.get(s).id(doc - bases[s]);
  }

  /** The stored global document {@code doc}. */
  public Document document(int doc) {
    int s = segmentOf(doc);
    return segments.get(s).document(doc - bases[s]);
  }

  /** The stored vector of global document {@code doc} in sparse index {@code index}. */
  public SparseVector sparseVector(String index, int doc) {
    int s = segmentOf(doc);
    return segments.get(s).sparseVector(index, doc - bases[s]);
  }

  /** The stored vector of global document {@code doc} in dense index {@code index}. */
  public float[] denseVector(String index, int doc) {
    int s = segmentOf(doc);
    return segments.get(s).dense(index).vector(doc - bases[s]);
  }

  /** The global number of the live document called {@code id}, or -1 (ids are unique among live documents). */
  public int find(String id) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      int local = segments.get(i).find(id);
      if (local >= 0 && !deleted.get(i).contains(local)) {
        return bases[i] + local;
      }
    }
    return -1;
  }

  /** The live document called {@code id}, or null. */
  public Document document(String id) {
    int doc = find(id);
    return doc < 0 ? null : document(doc);
  }

  /**
   * Per segment, the documents a search may return: live ones, among {@code ids} when given (null for
   * no id filter), matching {@code where} when given (null for no field filter).
   *
   * @throws IllegalArgumentException when a field condition does not fit a field's type
   */
  public List<DocMask> masks(Set<String> ids, FieldFilter where) {
    List<DocMask> masks = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      RoaringBitmap allowed = null;
      if (ids != null) {
        allowed = new RoaringBitmap();
        for (String id : ids) {
          int local = s.find(id);
          if (local >= 0) {
            allowed.add(local);
          }
        }
      }
      if (where != null) {
        RoaringBitmap matching = where.matching(s.fields());
        allowed = allowed == null ? matching : RoaringBitmap.and(allowed, matching);
      }
      masks.add(new DocMask(allowed, deleted.get(i)));
    }
    return masks;
  }

  /** Every segment's live documents. */
  public List<DocMask> masks() {
    return masks(null, null);
  }

  /** BM25 over every segment with collection-wide statistics, made once per snapshot and parameters. */
  public Bm25Searcher bm25(Bm25Params params) {
    if (commit.settings().bm25() == null) {
      throw new IllegalStateException("the collection has no BM25 index");
    }
    return bm25.computeIfAbsent(params, p -> {
      List<Bm25Segment> parts = segments.stream().map(Segment::bm25).toList();
      return new Bm25Searcher(parts, p);
    });
  }

  /** Takes another reference; false when the snapshot was already released for good. */
  boolean retain() {
    for (int r = refs.get(); r > 0; r = refs.get()) {
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Lets go of this snapshot; its segments close when no other snapshot holds them. */
  @Override
  public void close() {
    if (refs.decrementAndGet() == 0) {
      segments.forEach(Segment::release);
    }
  }
}
