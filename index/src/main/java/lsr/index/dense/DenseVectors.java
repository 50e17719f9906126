package lsr.index.dense;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.TopK;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The dense vectors of one segment (one per local document, in document order), memory-mapped
 * read-only from a file of kind {@link FileKind#DENSE_VECTORS} in the container of
 * {@link IndexFile}, and their exact search by inner product. Written by {@link DenseVectorsWriter}.
 *
 * <pre>
 * Body       := Vectors Dimension:u32 Count:u32
 * Vectors    := Row[Count]                 row d is the vector of local document d
 * Row        := f32[Dimension]             little-endian
 * </pre>
 *
 * The rows start the body, at file offset 16: the mapping is page-aligned, so the first row is
 * 16-aligned in memory and every row 4-aligned, which is all a float read needs. Dimension and Count
 * come last because the writer streams rows and learns Count only at the end; the container's
 * checksum is computed as bytes pass, so a header cannot be patched afterwards. The body is thus
 * exactly {@code 8 + 4 × Dimension × Count} bytes, which {@link #open} checks.
 *
 * <p>Thread-safe when mapped into a shared arena; the caller's arena owns the mapping, and the
 * object must not be used once that arena is closed.
 */
public final class DenseVectors {

  /** Widest vector a file may hold; bounds the arithmetic on lengths and rejects garbage headers. */
  static final int MAX_DIMENSION = 1 << 16;
  /** Bytes of the trailer (Dimension and Count) at the end of the body. */
  static final int TRAILER_BYTES = 8;

  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment rows;
  private final int dimension;
  private final int count;
  private final long rowBytes;

  private DenseVectors(MemorySegment rows, int dimension, int count) {
    this.rows = rows;
    this.dimension = dimension;
    this.count = count;
    this.rowBytes = 4L * dimension;
  }

  /**
   * Maps {@code file} into {@code arena}.
   *
   * @param verify {@link IndexFile.Verify#STRUCTURE} checks header, footer and lengths;
   *     {@link IndexFile.Verify#CHECKSUM} also reads every byte once to catch corruption
   * @throws CorruptIndexException naming the file when it is of another kind or version, truncated,
   *     corrupt, or its length disagrees with its dimension and count
   */
  public static DenseVectors open(Path file, Arena arena, IndexFile.Verify verify) throws IOException {
    MemorySegment body = IndexFile.map(file, arena, FileKind.DENSE_VECTORS, verify);
    long length = body.byteSize();
    if (length < TRAILER_BYTES) {
      throw new CorruptIndexException(file, "body of " + length + " bytes has no room for dimension and count");
    }
    long dimension = Integer.toUnsignedLong(body.get(U32, length - 8));
    long count = Integer.toUnsignedLong(body.get(U32, length - 4));
    if (dimension < 1 || dimension > MAX_DIMENSION || count > Integer.MAX_VALUE) {
      throw new CorruptIndexException(file, "impossible dimension " + dimension + " or count " + count);
    }
    long expected = TRAILER_BYTES + 4 * dimension * count;
    if (length != expected) {
      throw new CorruptIndexException(
          file, "body of " + length + " bytes where " + count + " vectors of dimension " + dimension + " take " + expected);
    }
    return new DenseVectors(body.asSlice(0, length - TRAILER_BYTES), (int) dimension, (int) count);
  }

  /** Number of vectors: the segment's documents are 0 .. size() - 1. */
  public int size() {
    return count;
  }

  public int dimension() {
    return dimension;
  }

  /** A copy of the vector of local document {@code doc}. */
  public float[] vector(int doc) {
    Objects.checkIndex(doc, count);
    float[] v = new float[dimension];
    MemorySegment.copy(rows, F32, doc * rowBytes, v, 0, dimension);
    return v;
  }

  /**
   * Exact top {@code k} by inner product among the documents {@code mask} accepts. Ties go to the
   * smaller document ({@link TopK}'s order). A score is the float inner product of the query and the
   * stored vector in the fixed order of {@link DotProduct}: the same bits on every run, with SIMD or
   * without, so identical vectors always tie.
   *
   * @throws IllegalArgumentException when {@code query} has another dimension or {@code k < 1}
   */
  public Hits search(float[] query, int k, DocMask mask) {
    long start = System.nanoTime();
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, the vectors " + dimension);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (count == 0) {
      return Hits.empty(SearchCost.NONE);
    }
    TopK top = new TopK(Math.min(k, count));
    float[] row = new float[dimension];
    RoaringBitmap deleted = mask.deleted();
    long scored = 0;
    if (mask.allowed() == null) {
      for (int doc = 0; doc < count; doc++) {
        if (deleted == null || !deleted.contains(doc)) {
          top.offer(doc, score(query, doc, row));
          scored++;
        }
      }
    } else {
      // A filter is walked rather than tested at every document: a selective one costs little.
      // Roaring iterates in unsigned order, so the first id outside 0 .. count - 1 ends the walk.
      IntIterator allowed = mask.allowed().getIntIterator();
      while (allowed.hasNext()) {
        int doc = allowed.next();
        if (doc < 0 || doc >= count) {
          break;
        }
        if (deleted == null || !deleted.contains(doc)) {
          top.offer(doc, score(query, doc, row));
          scored++;
        }
      }
    }
    return top.toHits(new SearchCost(0, 0, 0, scored, (System.nanoTime() - start) / 1000));
  }

  /**
   * The score of {@code doc}. Its row is copied into {@code row}, one scratch array per search, so
   * the dot product runs on plain arrays (with SIMD where available) and allocates nothing.
   */
  private float score(float[] query, int doc, float[] row) {
    MemorySegment.copy(rows, F32, doc * rowBytes, row, 0, dimension);
    return DotProduct.dot(query, row);
  }
}
