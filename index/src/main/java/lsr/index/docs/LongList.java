package lsr.index.docs;

/**
 * An append-only list of longs kept in fixed chunks: growing never copies the elements, so a
 * writer's per-document memory stays at 8 bytes (plus at most one partly filled chunk).
 */
final class LongList {

  private static final int CHUNK_BITS = 14;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private long[][] chunks = new long[4][];
  private int size;

  void add(long value) {
    int chunk = size >>> CHUNK_BITS;
    if (chunk == chunks.length) {
      chunks = java.util.Arrays.copyOf(chunks, 2 * chunks.length);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new long[CHUNK];
    }
    chunks[chunk][size & (CHUNK - 1)] = value;
    size++;
  }

  long get(int index) {
    java.util.Objects.checkIndex(index, size);
    return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
  }

  int size() {
    return size;
  }
}
