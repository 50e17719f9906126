package lsr.index;

import java.util.Arrays;

/**
 * The best {@code k} (document, score) pairs seen so far: a binary min-heap on parallel arrays, so
 * offering a document allocates nothing. The order is total: a larger score is better, and on equal
 * scores the smaller document id is better, so every index returns the same top-k for the same
 * scores whatever order it visits documents in.
 */
public final class TopK {

  private final int capacity;
  private final int[] docs;
  private final float[] scores;
  private int size;

  public TopK(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.docs = new int[capacity];
    this.scores = new float[capacity];
  }

  /** Empties the heap for the next query, keeping its capacity. */
  public void clear() {
    size = 0;
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return size;
  }

  public boolean isFull() {
    return size == capacity;
  }

  /** The k-th best score so far; meaningful only when {@link #isFull()}. */
  public float threshold() {
    return scores[0];
  }

  /** Keeps {@code doc} if it is among the best {@code k} seen; returns whether it was kept. */
  public boolean offer(int doc, float score) {
    if (size < capacity) {
      docs[size] = doc;
      scores[size] = score;
      siftUp(size++);
      return true;
    }
    if (!worse(docs[0], scores[0], doc, score)) {
      return false;
    }
    docs[0] = doc;
    scores[0] = score;
    siftDown(0);
    return true;
  }

  /** The kept documents best first, with what the search cost; empties the heap. */
  public Hits toHits(SearchCost cost) {
    int n = size;
    int[] d = new int[n];
    float[] s = new float[n];
    // Popping the minimum fills the arrays from the back: best first.
    for (int i = n - 1; i >= 0; i--) {
      d[i] = docs[0];
      s[i] = scores[0];
      size--;
      docs[0] = docs[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return new Hits(d, s, cost);
  }

  /** Whether (docA, a) ranks below (docB, b). */
  private static boolean worse(int docA, float a, int docB, float b) {
    return a < b || (a == b && docA > docB);
  }

  private void siftUp(int i) {
    int doc = docs[i];
    float score = scores[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(doc, score, docs[parent], scores[parent])) {
        break;
      }
      docs[i] = docs[parent];
      scores[i] = scores[parent];
      i = parent;
    }
    docs[i] = doc;
    scores[i] = score;
  }

  private void siftDown(int i) {
    int doc = docs[i];
    float score = scores[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && worse(docs[child + 1], scores[child + 1], docs[child], scores[child])) {
        child++;
      }
      if (!worse(docs[child], scores[child], doc, score)) {
        break;
      }
      docs[i] = docs[child];
      scores[i] = scores[child];
      i = child;
    }
    docs[i] = doc;
    scores[i] = score;
  }

  @Override
  public String toString() {
    return "TopK" + Arrays.toString(Arrays.copyOf(docs, size));
  }
}
