package lsr.index.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import lsr.index.CheckHits;
import lsr.index.DocMask;
import lsr.index.Hits;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** The HNSW graph of a segment's vectors, measured against exact search on the same vectors. */
class HnswVectorsTest {

  static final int DOCS = 5_000;
  static final int DIMENSION = 64;
  static final int K = 10;
  static final int QUERIES = 100;

  @TempDir static Path dir;
  static long seed;
  static Arena arena;
  static DenseVectors vectors;
  static HnswVectors hnsw;

  @BeforeAll
  static void buildOnce() throws IOException {
    seed = RandomVectors.seed("HnswVectorsTest");
    arena = Arena.ofShared();
    float[][] data = RandomVectors.units(new Random(seed), DOCS, DIMENSION);
    vectors = RandomVectors.writeAndOpen(dir.resolve("vectors.lsr"), DIMENSION, data, arena);
    HnswVectors.build(dir.resolve("hnsw"), vectors);
    hnsw = HnswVectors.open(dir.resolve("hnsw"));
  }

  @AfterAll
  static void closeAll() {
    hnsw.close();
    arena.close();
  }

  @Test
  void recallAtTenAgainstExactSearch() {
    Random random = new Random(seed + 1);
    double recall = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = RandomVectors.unit(random, DIMENSION);
      Hits approximate = hnsw.search(query, K, DocMask.ALL);
      assertEquals(K, approximate.size(), "seed " + seed);
      assertScoresAreDotProducts(query, approximate);
      assertTrue(approximate.cost().docsScored() >= K, "seed " + seed + ": vectors compared " + approximate.cost());
      recall += CheckHits.recall(vectors.search(query, K, DocMask.ALL), approximate);
    }
    recall /= QUERIES;
    System.out.println("HNSW recall@" + K + " " + recall);
    assertTrue(recall >= 0.95, "seed " + seed + ": recall@" + K + " " + recall);
  }

  /** Masks of every shape, a filter of fewer documents than the beam among them (Lucene's exact path). */
  @Test
  void maskedSearchReturnsOnlyAcceptedDocumentsAndKeepsItsRecall() {
    Random random = new Random(seed + 2);
    RoaringBitmap allowed = new RoaringBitmap();
    RoaringBitmap deleted = new RoaringBitmap();
    RoaringBitmap few = new RoaringBitmap();
    for (int d = 0; d < DOCS; d++) {
      if (random.nextInt(3) == 0) {
        allowed.add(d);
      }
      if (random.nextInt(4) == 0) {
        deleted.add(d);
      }
      if (random.nextInt(200) == 0) {
        few.add(d);
      }
    }
    allowed.add(DOCS + 7);
    Map<String, DocMask> masks = new LinkedHashMap<>();
    masks.put("filter", DocMask.allowing(allowed));
    masks.put("deletions", new DocMask(null, deleted));
    masks.put("filter and deletions", new DocMask(allowed, deleted));
    masks.put("filter of " + few.getCardinality(), DocMask.allowing(few));
    for (Map.Entry<String, DocMask> named : masks.entrySet()) {
      DocMask mask = named.getValue();
      double recall = 0;
      for (int q = 0; q < QUERIES; q++) {
        float[] query = RandomVectors.unit(random, DIMENSION);
        Hits approximate = hnsw.search(query, K, mask);
        String context = "seed " + seed + ", " + named.getKey() + ", query " + q;
        assertEquals(Math.min(K, IntStream.range(0, DOCS).filter(mask::accepts).count()), approximate.size(), context);
        for (int doc : approximate.docs()) {
          assertTrue(mask.accepts(doc), context + ": returned refused document " + doc);
        }
        assertScoresAreDotProducts(query, approximate);
        recall += CheckHits.recall(vectors.search(query, K, mask), approximate);
      }
      recall /= QUERIES;
      assertTrue(recall >= 0.95, "seed " + seed + ", " + named.getKey() + ": recall@" + K + " " + recall);
    }
  }

  /** Lucene document d is local document d: each vector, as a query, finds its own document first. */
  @Test
  void eachVectorFindsItsOwnDocument() {
    Random random = new Random(seed + 3);
    for (int i = 0; i < 50; i++) {
      int doc = random.nextInt(DOCS);
      Hits hits = hnsw.search(vectors.vector(doc), 1, DocMask.ALL);
      assertEquals(doc, hits.doc(0), "seed " + seed);
    }
  }

  /** The check build runs before committing: an index whose Lucene order is not the local order fails it. */
  @Test
  void reorderedLuceneDocumentsFailTheOrderCheck() throws IOException {
    try (FSDirectory luceneDir = FSDirectory.open(dir.resolve("reversed"));
        IndexWriter writer = new IndexWriter(luceneDir, new IndexWriterConfig())) {
      for (int doc = 99; doc >= 0; doc--) {
        Document d = new Document();
        d.add(new KnnFloatVectorField(HnswVectors.FIELD, vectors.vector(doc), VectorSimilarityFunction.DOT_PRODUCT));
        writer.addDocument(d);
      }
      writer.forceMerge(1);
      try (DirectoryReader reversed = DirectoryReader.open(writer)) {
        DenseVectors first100 = firstDocuments(100);
        assertThrows(IllegalStateException.class, () -> HnswVectors.checkOrder(dir, reversed, first100));
      }
    }
  }

  private static DenseVectors firstDocuments(int n) throws IOException {
    float[][] data = new float[n][];
    for (int d = 0; d < n; d++) {
      data[d] = vectors.vector(d);
    }
    return RandomVectors.writeAndOpen(dir.resolve("first" + n + ".lsr"), DIMENSION, data, arena);
  }

  @Test
  void segmentWithoutVectorsAnswersNothing() throws IOException {
    try (Arena local = Arena.ofConfined()) {
      DenseVectors none = RandomVectors.writeAndOpen(dir.resolve("none.lsr"), 8, new float[0][], local);
      HnswVectors.build(dir.resolve("none"), none);
    }
    try (HnswVectors empty = HnswVectors.open(dir.resolve("none"))) {
      assertEquals(0, empty.size());
      assertEquals(8, empty.dimension());
      assertEquals(0, empty.search(new float[8], K, DocMask.ALL).size());
      assertThrows(IllegalArgumentException.class, () -> empty.search(new float[9], K, DocMask.ALL));
    }
  }

  @Test
  void queryOfAnotherDimensionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> hnsw.search(new float[DIMENSION + 1], K, DocMask.ALL));
  }

  @Test
  void folderWithoutAnIndexIsRefused() {
    assertThrows(NoSuchFileException.class, () -> HnswVectors.open(dir.resolve("nothing")));
  }

  /** Lucene scores (1 + dot) / 2; the hits must carry the dot product itself. */
  private static void assertScoresAreDotProducts(float[] query, Hits hits) {
    for (int i = 0; i < hits.size(); i++) {
      float[] v = vectors.vector(hits.doc(i));
      double dot = 0;
      for (int j = 0; j < DIMENSION; j++) {
        dot += (double) query[j] * v[j];
      }
      assertEquals(dot, hits.score(i), 1e-6, "seed " + seed + ", document " + hits.doc(i));
    }
  }
}
