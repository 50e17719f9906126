package lsr.query.dense;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.TopK;
import lsr.query.fusion.Ranking;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact dense search: every document's vector is scored against the query. The dot products run on
 * Lucene's {@link VectorUtil}, which uses the JDK Vector API (SIMD) when {@code jdk.incubator.vector}
 * is present and plain loops otherwise. Right for collections up to a few hundred thousand documents;
 * beyond that {@link HnswDenseIndex} answers in sublinear time.
 *
 * <p>File layout ({@value #FILE_NAME}), big-endian header then little-endian floats:
 * <pre>
 * file    := magic "LSRDENSE" version:int32 dimension:int32 count:int32 vectors ids checksum
 * vectors := (float32 little-endian){count × dimension}
 * ids     := (length:int32 utf8-bytes){count}
 * checksum := CRC32 of everything before it, as int64
 * </pre>
 */
public final class FlatDenseIndex implements DenseIndex {

  public static final String FILE_NAME = "dense.flat";
  private static final byte[] MAGIC = "LSRDENSE".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private final String[] ids;
  private final float[][] vectors;
  private final int dimension;
  private volatile Map<String, Integer> byId;

  private FlatDenseIndex(String[] ids, float[][] vectors, int dimension) {
    this.ids = ids;
    this.vectors = vectors;
    this.dimension = dimension;
  }

  /**
   * An index over vectors held in memory.
   *
   * @throws IllegalArgumentException when ids and vectors differ in number or vectors in length
   */
  public static FlatDenseIndex of(List<String> ids, List<float[]> vectors) {
    if (ids.size() != vectors.size()) {
      throw new IllegalArgumentException(ids.size() + " ids for " + vectors.size() + " vectors");
    }
    int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
    for (int i = 0; i < vectors.size(); i++) {
      if (vectors.get(i).length != dim) {
        throw new IllegalArgumentException("vector " + ids.get(i) + " has " + vectors.get(i).length
            + " dimensions, the first has " + dim);
      }
    }
    return new FlatDenseIndex(ids.toArray(String[]::new), vectors.toArray(float[][]::new), dim);
  }

  @Override
  public int size() {
    return ids.length;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String kind() {
    return "flat";
  }

  public String id(int doc) {
    return ids[doc];
  }

  public float[] vector(int doc) {
    return vectors[doc].clone();
  }

  /** The vector of the document called {@code id}, or null when there is none. */
  public float[] vector(String id) {
    Map<String, Integer> m = byId;
    if (m == null) {
      m = new HashMap<>(ids.length * 2);
      for (int d = 0; d < ids.length; d++) {
        m.put(ids[d], d);
      }
      byId = m; // a benign race: every thread builds the same map
    }
    Integer d = m.get(id);
    return d == null ? null : vectors[d].clone();
  }

  @Override
  public Ranking search(float[] query, int k, Set<String> allowed) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dimension);
    }
    TopK top = new TopK(k);
    for (int d = 0; d < vectors.length; d++) {
      if (allowed == null || allowed.contains(ids[d])) {
        top.offer(d, VectorUtil.dotProduct(query, vectors[d]));
      }
    }
    Hits hits = top.toHits(SearchCost.NONE);
    String[] outIds = new String[hits.size()];
    for (int i = 0; i < outIds.length; i++) {
      outIds[i] = ids[hits.doc(i)];
    }
    return new Ranking(outIds, hits.scores());
  }

  /** Writes the index to {@code folder}/{@value #FILE_NAME}, atomically. */
  public void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE_NAME);
    Path tmp = folder.resolve(FILE_NAME + ".tmp");
    CRC32 crc = new CRC32();
    try (OutputStream raw = Files.newOutputStream(tmp);
        CheckedOutputStream checked = new CheckedOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16), crc);
        DataOutputStream out = new DataOutputStream(checked)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension);
      out.writeInt(ids.length);
      ByteBuffer row = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] v : vectors) {
        row.clear();
        row.asFloatBuffer().put(v);
        out.write(row.array());
      }
      for (String id : ids) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
      out.flush();
      out.writeLong(crc.getValue());
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads an index written by {@link #write}.
   *
   * @throws IOException naming the file when it is missing, of another format or version, truncated
   *     or corrupt
   */
  public static FlatDenseIndex read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException("dense index file " + file + " not found; build it with lsr index --dense");
    }
    CRC32 crc = new CRC32();
    try (InputStream raw = Files.newInputStream(file);
        CheckedInputStream checked = new CheckedInputStream(new java.io.BufferedInputStream(raw, 1 << 16), crc);
        DataInputStream in = new DataInputStream(checked)) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is not a dense index (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " has format version " + version + "; this build reads " + VERSION);
      }
      int dim = in.readInt();
      int count = in.readInt();
      if (dim < 0 || count < 0) {
        throw new IOException(file + " is corrupt: dimension " + dim + ", count " + count);
      }
      float[][] vectors = new float[count][dim];
      byte[] row = new byte[dim * Float.BYTES];
      for (int d = 0; d < count; d++) {
        in.readFully(row);
        ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vectors[d]);
      }
      List<String> ids = new ArrayList<>(count);
      for (int d = 0; d < count; d++) {
        int len = in.readInt();
        if (len < 0 || len > 1 << 16) {
          throw new IOException(file + " is corrupt: id " + d + " has length " + len);
        }
        ids.add(new String(in.readNBytes(len), StandardCharsets.UTF_8));
      }
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected) {
        throw new IOException(file + " is corrupt: checksum mismatch; rebuild the index");
      }
      return new FlatDenseIndex(ids.toArray(String[]::new), vectors, dim);
    } catch (EOFException e) {
      throw new IOException(file + " is truncated; rebuild the index", e);
    }
  }

  @Override
  public void close() {}
}
