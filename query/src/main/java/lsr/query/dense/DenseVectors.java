package lsr.query.dense;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Opens the dense vectors of a folder written by {@code lsr index --encoder dense}
 * ({@value #VECTORS}: one {@code {"id": ..., "vector": [x, ...]}} per line) as an index: exact
 * ({@link FlatDenseIndex}) up to a size, HNSW ({@link HnswDenseIndex}) above it. The index is built
 * once beside the vectors and reused while it is newer than they are.
 */
public final class DenseVectors {

  public static final String VECTORS = "vectors.jsonl";

  private DenseVectors() {}

  /**
   * @param hnswAbove collections with more documents than this get an HNSW index
   * @throws IOException naming the file and line of a malformed vector
   */
  public static DenseIndex open(Path folder, int hnswAbove, PrintWriter log) throws IOException {
    Path vectors = folder.resolve(VECTORS);
    if (!Files.isRegularFile(vectors)) {
      throw new NoSuchFileException(vectors.toString(), null, "dense vectors not found; write them with lsr index --encoder dense");
    }
    Path flat = folder.resolve(FlatDenseIndex.FILE_NAME);
    Path hnsw = folder.resolve(HnswDenseIndex.FOLDER_NAME);
    if (newer(flat, vectors)) {
      return FlatDenseIndex.read(folder);
    }
    if (newer(hnsw, vectors)) {
      return HnswDenseIndex.open(folder);
    }
    long lines;
    try (var all = Files.lines(vectors)) {
      lines = all.count();
    }
    long start = System.nanoTime();
    if (lines <= hnswAbove) {
      List<String> ids = new ArrayList<>();
      List<float[]> rows = new ArrayList<>();
      for (Iterator<Map.Entry<String, float[]>> it = read(vectors); it.hasNext(); ) {
        Map.Entry<String, float[]> e = it.next();
        ids.add(e.getKey());
        rows.add(e.getValue());
      }
      FlatDenseIndex index = FlatDenseIndex.of(ids, rows);
      index.write(folder);
      log.printf("lsr: dense index of %,d vectors written to %s in %.1f s%n", ids.size(), flat,
          (System.nanoTime() - start) / 1e9);
      return index;
    }
    log.printf("lsr: building the HNSW graph of %,d dense vectors in %s (once)%n", lines, hnsw);
    log.flush();
    HnswDenseIndex.build(folder, read(vectors));
    return HnswDenseIndex.open(folder);
  }

  private static boolean newer(Path index, Path vectors) throws IOException {
    return Files.exists(index)
        && Files.getLastModifiedTime(index).compareTo(Files.getLastModifiedTime(vectors)) > 0;
  }

  /** Streams (id, vector) pairs; all vectors must have the first one's length. */
  static Iterator<Map.Entry<String, float[]>> read(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    JsonFactory json = new JsonFactory();
    return new Iterator<>() {
      private long line;
      private int dimension = -1;
      private Map.Entry<String, float[]> next = advance();

      private Map.Entry<String, float[]> advance() {
        try {
          String text;
          do {
            text = in.readLine();
            line++;
          } while (text != null && text.isBlank());
          if (text == null) {
            in.close();
            return null;
          }
          return parse(text);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(file + ":" + line + ": " + e.getMessage(), e);
        }
      }

      private Map.Entry<String, float[]> parse(String text) throws IOException {
        String id = null;
        List<Float> values = new ArrayList<>();
        try (JsonParser p = json.createParser(text)) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object");
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("id")) {
              id = p.getValueAsString();
            } else if (field.equals("vector") && t == JsonToken.START_ARRAY) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                values.add(p.getFloatValue());
              }
            } else {
              p.skipChildren();
            }
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IOException("not a dense vector line: " + e.getOriginalMessage());
        }
        if (id == null || values.isEmpty()) {
          throw new IOException("a dense vector line needs \"id\" and a non-empty \"vector\" array");
        }
        if (dimension >= 0 && values.size() != dimension) {
          throw new IOException("vector of " + values.size() + " dimensions, earlier ones have " + dimension);
        }
        dimension = values.size();
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
          v[i] = values.get(i);
        }
        return new AbstractMap.SimpleEntry<>(id, v);
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Map.Entry<String, float[]> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Map.Entry<String, float[]> current = next;
        next = advance();
        return current;
      }
    };
  }
}
