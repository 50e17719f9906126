package lsr.index.seismic;

/**
 * The blocks of one list, popped in decreasing summary score (ties: lower block first). A binary
 * max-heap built in linear time, so walking only the best few blocks costs far less than sorting
 * them all: the walk stops at the first block the heap factor rules out.
 */
final class BlockQueue {

  /** Entries are (score bits, Integer.MAX_VALUE - block): scores are never negative, so longs order as scores. */
  private final long[] heap;
  private int size;

  BlockQueue(int capacity) {
    heap = new long[Math.max(1, capacity)];
  }

  /** Replaces the queue with blocks {@code 0 .. blocks - 1} and their {@code scores}. */
  void fill(float[] scores, int blocks) {
    for (int b = 0; b < blocks; b++) {
      heap[b] = (long) Float.floatToRawIntBits(Math.max(0f, scores[b])) << 32 | (Integer.MAX_VALUE - b);
    }
    size = blocks;
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      down(i);
    }
  }

  int size() {
    return size;
  }

  /** Removes and returns the best remaining block; the queue must not be empty. */
  int pop() {
    long best = heap[0];
    heap[0] = heap[--size];
    down(0);
    return Integer.MAX_VALUE - (int) best;
  }

  private void down(int i) {
    long key = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= key) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = key;
  }
}
