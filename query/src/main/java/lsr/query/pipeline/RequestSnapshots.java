package lsr.query.pipeline;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import lsr.index.DocMask;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;

/**
 * The snapshots one request reads, one per collection, taken on first use and held until the
 * request ends: every stage, the documents shown and the explanations of one answer see the same
 * commit, whatever is committed meanwhile. Also keeps each collection's masks for the request's
 * filter, computed once for all its stages. Used by one request at a time; close it when the request is answered.
 */
public final class RequestSnapshots implements AutoCloseable {

  private final Map<Collection, Snapshot> taken = new IdentityHashMap<>();
  private final Map<Collection, Masks> masks = new IdentityHashMap<>();

  /** The masks of one filter. */
  private record Masks(DocFilter filter, List<DocMask> masks) {}

  /** The snapshot of {@code collection} this request reads. */
  public synchronized Snapshot of(Collection collection) {
    return taken.computeIfAbsent(collection, Collection::acquire);
  }

  /**
   * Per segment of this request's snapshot of {@code collection}, the documents the filter allows
   * (every live one when {@code filter} is null).
   *
   * @throws IllegalArgumentException when a field condition does not fit the field's type
   */
  public synchronized List<DocMask> masks(Collection collection, DocFilter filter) {
    Masks known = masks.get(collection);
    if (known == null || !java.util.Objects.equals(known.filter(), filter)) {
      Snapshot s = of(collection);
      known = new Masks(filter, filter == null ? s.masks() : s.masks(filter.ids(), filter.where()));
      masks.put(collection, known);
    }
    return known.masks();
  }

  @Override
  public synchronized void close() {
    taken.values().forEach(Snapshot::close);
    taken.clear();
    masks.clear();
  }
}
