package lsr.index.fields;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsr.index.store.CorruptIndexException;

/**
 * Reads a body front to back, checking every count against the bytes left before trusting it, so
 * a damaged file ends in a {@link CorruptIndexException} naming it, never an out-of-bounds access
 * or a huge allocation.
 */
final class BodyReader {

  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 =
      ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path file;
  private final MemorySegment body;
  private long at;

  BodyReader(Path file, MemorySegment body) {
    this.file = file;
    this.body = body;
  }

  CorruptIndexException corrupt(String problem) {
    return new CorruptIndexException(file, problem);
  }

  int u8(String what) throws CorruptIndexException {
    return Byte.toUnsignedInt(take(1, what).get(ValueLayout.JAVA_BYTE, 0));
  }

  int i32(String what) throws CorruptIndexException {
    return take(4, what).get(I32, 0);
  }

  /** A count of items of at least {@code minBytesEach} bytes each, which the bytes left must hold. */
  int count(String what, int minBytesEach) throws CorruptIndexException {
    int n = i32(what);
    if (n < 0 || (long) n * minBytesEach > remaining()) {
      throw corrupt(what + " " + n + " does not fit the " + remaining() + " bytes left at body offset " + at);
    }
    return n;
  }

  /** The next {@code length} bytes, checked to be there. */
  MemorySegment take(long length, String what) throws CorruptIndexException {
    if (length < 0 || length > remaining()) {
      throw corrupt("truncated " + what + ": needs " + length + " bytes at body offset " + at + ", "
          + remaining() + " left");
    }
    MemorySegment slice = body.asSlice(at, length);
    at += length;
    return slice;
  }

  String utf8(int length, String what) throws CorruptIndexException {
    return new String(take(length, what).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  double[] f64s(int n, String what) throws CorruptIndexException {
    return take(8L * n, what).toArray(F64);
  }

  int[] i32s(int n, String what) throws CorruptIndexException {
    return take(4L * n, what).toArray(I32);
  }

  long remaining() {
    return body.byteSize() - at;
  }
}
