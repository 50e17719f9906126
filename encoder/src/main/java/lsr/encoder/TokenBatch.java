package lsr.encoder;

import java.util.Arrays;
import java.util.List;

/**
 * Token sequences padded to one length, as flat row-major {@code [size, length]} arrays ready to
 * become int64 tensors. Sequences are given already grouped by length so padding stays small.
 *
 * @param size number of sequences
 * @param length tokens per padded row (the longest sequence)
 * @param ids token ids, padding id after each sequence's end
 * @param mask 1 for real tokens, 0 for padding
 * @param types token type ids: all 0 (single sequences)
 * @param lengths each sequence's real length
 */
record TokenBatch(int size, int length, long[] ids, long[] mask, long[] types, int[] lengths) {

  static TokenBatch of(List<long[]> sequences, int padId) {
    int size = sequences.size();
    int length = 0;
    for (long[] s : sequences) {
      length = Math.max(length, s.length);
    }
    long[] ids = new long[size * length];
    long[] mask = new long[size * length];
    int[] lengths = new int[size];
    Arrays.fill(ids, padId);
    for (int b = 0; b < size; b++) {
      long[] s = sequences.get(b);
      System.arraycopy(s, 0, ids, b * length, s.length);
      Arrays.fill(mask, b * length, b * length + s.length, 1L);
      lengths[b] = s.length;
    }
    return new TokenBatch(size, length, ids, mask, new long[size * length], lengths);
  }

  long[] shape() {
    return new long[] {size, length};
  }
}
