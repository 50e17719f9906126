package lsr.index.dense;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFileWriter;

/**
 * Writes the dense vectors of one segment, one document at a time in local document order, in the
 * layout {@link DenseVectors} documents. Not thread-safe.
 */
public final class DenseVectorsWriter implements Closeable {

  private final IndexFileWriter out;
  private final int dimension;
  /** One row in file byte order; its float view is how a vector gets there. */
  private final ByteBuffer row;
  private final FloatBuffer rowFloats;
  private int count;
  private boolean finished;

  private DenseVectorsWriter(IndexFileWriter out, int dimension) {
    this.out = out;
    this.dimension = dimension;
    this.row = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
    this.rowFloats = row.asFloatBuffer();
  }

  /**
   * Creates (or replaces) {@code file} for vectors of {@code dimension} floats.
   *
   * @throws IllegalArgumentException when {@code dimension} is not in 1 .. 65 536
   */
  public static DenseVectorsWriter create(Path file, int dimension) throws IOException {
    if (dimension < 1 || dimension > DenseVectors.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in 1 .. " + DenseVectors.MAX_DIMENSION + ", got " + dimension);
    }
    return new DenseVectorsWriter(IndexFileWriter.create(file, FileKind.DENSE_VECTORS), dimension);
  }

  /**
   * Appends the vector of the next document (local number {@link #size()}).
   *
   * @throws IllegalArgumentException naming the document when the vector has another length or a
   *     value that is NaN or infinite; nothing is written then
   */
  public void add(float[] vector) throws IOException {
    requireUnfinished();
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "document " + count + ": vector of " + vector.length + " dimensions, the file holds " + dimension);
    }
    for (int i = 0; i < dimension; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException("document " + count + ": component " + i + " is " + vector[i]);
      }
    }
    if (count == Integer.MAX_VALUE) {
      throw new IllegalStateException(out.path() + " already holds the most vectors a segment can");
    }
    rowFloats.clear();
    rowFloats.put(vector);
    out.writeBytes(row.array());
    count++;
  }

  /** Vectors added so far. */
  public int size() {
    return count;
  }

  /** Writes dimension, count and the container footer. */
  public void finish() throws IOException {
    requireUnfinished();
    out.writeInt(dimension);
    out.writeInt(count);
    out.finish();
    finished = true;
  }

  private void requireUnfinished() {
    if (finished) {
      throw new IllegalStateException(out.path() + " is already finished");
    }
  }

  /** Closes the file; one that was not {@link #finish() finished} is deleted. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
