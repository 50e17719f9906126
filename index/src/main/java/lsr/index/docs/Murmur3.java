package lsr.index.docs;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference), with seed 0. The hash
 * of an id is stored implicitly in {@code ids.lsr} (it places the id in the table), so it must never
 * change: the test pins it to the reference's outputs.
 */
final class Murmur3 {

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  static int hash32(byte[] data) {
    int h = 0;
    int n = data.length;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | data[i + 3] << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = n & 3;
    if (tail > 0) {
      int k = 0;
      if (tail == 3) {
        k ^= (data[i + 2] & 0xff) << 16;
      }
      if (tail >= 2) {
        k ^= (data[i + 1] & 0xff) << 8;
      }
      k ^= data[i] & 0xff;
      h ^= mixK(k);
    }
    return finalMix(h ^ n);
  }

  private static int mixK(int k) {
    return Integer.rotateLeft(k * C1, 15) * C2;
  }

  /** Spreads every input bit over the low bits, which pick the slot. */
  private static int finalMix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
