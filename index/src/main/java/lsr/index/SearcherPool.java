package lsr.index;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Reusable per-thread objects (index searchers with their scratch space): a search borrows one and
 * gives it back, so searchers are made only as often as the peak number of concurrent searches and
 * never shared between two threads at once. Thread-safe.
 */
public final class SearcherPool<T> {

  private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
  private final Supplier<T> factory;

  public SearcherPool(Supplier<T> factory) {
    this.factory = factory;
  }

  /** An idle searcher, or a new one when all are in use. */
  public T borrow() {
    T t = idle.poll();
    return t != null ? t : factory.get();
  }

  /** Hands a borrowed searcher back for the next search. */
  public void release(T searcher) {
    idle.offer(searcher);
  }
}
