package lsr.index.bm25;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import lsr.data.Document;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.store.CorruptIndexException;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class Bm25SegmentsTest {

  /** Replay a failure with -Dlsr.test.seed=<n>. */
  private static final long SEED = Long.getLong("lsr.test.seed", 20261204L);
  private static final String REPLAY = "seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")";

  /** A small vocabulary, so that queries match many documents and scores tie often. */
  private static final String[] WORDS = {"apple", "river", "stone", "cloud", "music", "garden", "silver",
      "window", "forest", "candle", "paper", "bridge", "orange", "thunder", "pepper", "violet", "marble",
      "rocket", "ocean", "ladder", "copper", "falcon", "meadow", "winter"};
  private static final int[] SIZES = {1200, 700, 1100};

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void printSeed() {
    System.out.println("Bm25SegmentsTest " + REPLAY);
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /**
   * Three segments against one segment of all the documents, which is what merging them makes. The
   * segments differ in size and content, so a searcher with per-segment statistics would fail here:
   * the last check shows that such scores differ.
   */
  @Test
  void scoresAndRankingEqualOneSegmentOfTheSameDocuments() throws IOException {
    Random random = new Random(SEED);
    List<Document> docs = corpus(random);
    Bm25Params params = new Bm25Params(0.5f + random.nextFloat(), random.nextFloat());
    Bm25Segment merged =
        keep(written(dir.resolve("merged"), TextAnalyzer.ENGLISH, IndexWriterConfig.DISABLE_AUTO_FLUSH, docs));
    Bm25Searcher one = new Bm25Searcher(List.of(merged), params);
    List<Bm25Segment> segments = segments(docs, TextAnalyzer.ENGLISH);
    Bm25Searcher searcher = new Bm25Searcher(segments, params);
    Bm25Searcher middleAlone = new Bm25Searcher(List.of(segments.get(1)), params);
    assertEquals(docs.size(), one.size());
    assertEquals(one.size(), searcher.size());
    long hitsCompared = 0;
    int queriesWithLocalTop = 0;
    int localTopDiffers = 0;
    for (int q = 0; q < 300; q++) {
      String query = query(random);
      int k = List.of(1, 3, 10, 100, 1000).get(random.nextInt(5));
      String why = REPLAY + ", " + params + ", query '" + query + "', k " + k;
      Hits expected = one.search(query, k, List.of(DocMask.ALL));
      Hits actual = searcher.search(query, k, List.of(DocMask.ALL, DocMask.ALL, DocMask.ALL));
      assertEquals(one.terms(query), searcher.terms(query), why);
      assertArrayEquals(expected.docs(), actual.docs(), why);
      assertArrayEquals(expected.scores(), actual.scores(), 1e-6f, why);
      hitsCompared += actual.size();

      // The middle segment's best document by its own statistics, and by the collection's.
      Hits local = middleAlone.search(query, 1, List.of(DocMask.ALL));
      if (local.size() > 0) {
        int global = SIZES[0] + local.doc(0);
        Hits whole = one.search(query, 1, List.of(DocMask.allowing(RoaringBitmap.bitmapOf(global))));
        queriesWithLocalTop++;
        localTopDiffers += Math.abs(whole.score(0) - local.score(0)) > 1e-5f ? 1 : 0;
      }
    }
    assertTrue(hitsCompared > 10_000, "queries must match many documents: " + hitsCompared + " hits, " + REPLAY);
    assertTrue(localTopDiffers > queriesWithLocalTop / 2, "per-segment statistics must score otherwise, or this test "
        + "could not fail: " + localTopDiffers + " of " + queriesWithLocalTop + " scores differ, " + REPLAY);
  }

  @Test
  void masksGiveExactlyTheFilteredDeepRanking() throws IOException {
    Random random = new Random(SEED);
    Bm25Searcher searcher = new Bm25Searcher(segments(corpus(random), TextAnalyzer.ENGLISH), Bm25Params.DEFAULTS);
    List<DocMask> all = List.of(DocMask.ALL, DocMask.ALL, DocMask.ALL);
    for (int round = 0; round < 200; round++) {
      String query = query(random);
      int k = List.of(1, 2, 10, 50, 500).get(random.nextInt(5));
      List<DocMask> masks = List.of(mask(random, SIZES[0]), mask(random, SIZES[1]), mask(random, SIZES[2]));
      String why = REPLAY + ", round " + round + ", query '" + query + "', k " + k;

      Hits deep = searcher.search(query, searcher.size(), all);
      List<Integer> expectedDocs = new ArrayList<>();
      List<Float> expectedScores = new ArrayList<>();
      for (int i = 0; i < deep.size() && expectedDocs.size() < k; i++) {
        if (accepts(masks, deep.doc(i))) {
          expectedDocs.add(deep.doc(i));
          expectedScores.add(deep.score(i));
        }
      }
      Hits actual = searcher.search(query, k, masks);
      assertEquals(expectedDocs, Arrays.stream(actual.docs()).boxed().toList(), why);
      for (int i = 0; i < actual.size(); i++) {
        assertTrue(accepts(masks, actual.doc(i)), why + ": doc " + actual.doc(i) + " is refused");
        assertEquals(expectedScores.get(i), actual.score(i), 1e-6f, why);
      }
    }
  }

  @Test
  void luceneDocIsLocalDocAfterManyFlushesAndMerges() throws IOException {
    Path folder = dir.resolve("s");
    int n = 4000;
    // A flush every 37 documents: over a hundred Lucene segments, merged many times.
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(folder, TextAnalyzer.STANDARD, 37)) {
      for (int i = 0; i < n; i++) {
        writer.add(i % 3 == 0 ? "" : "title", "marker" + i + " common words");
      }
      writer.finish();
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
      assertEquals(1, reader.leaves().size(), "one Lucene segment");
    }
    Bm25Segment segment = keep(Bm25Segment.open(folder));
    assertEquals(n, segment.size());
    Bm25Searcher searcher = new Bm25Searcher(List.of(segment), Bm25Params.DEFAULTS);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(new int[] {i}, searcher.search("marker" + i, 2, List.of(DocMask.ALL)).docs(), "marker" + i);
    }
  }

  @Test
  void filesListTheCommitAndCheckCatchesAFlippedByteInEach() throws IOException {
    Random random = new Random(SEED);
    Path folder = dir.resolve("s");
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(folder, TextAnalyzer.ENGLISH)) {
      for (Document d : corpus(random).subList(0, 500)) {
        writer.add(d.title(), d.text());
      }
      writer.finish();
    }
    List<Bm25Segment.LuceneFile> files = Bm25Segment.files(folder);
    Set<String> names = files.stream().map(Bm25Segment.LuceneFile::name).collect(Collectors.toSet());
    try (Stream<Path> onDisk = Files.list(folder)) {
      Set<String> expected = onDisk.map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(IndexWriter.WRITE_LOCK_NAME)).collect(Collectors.toSet());
      assertEquals(expected, names);
    }
    assertTrue(names.stream().anyMatch(name -> name.startsWith("segments_")), names.toString());
    Bm25Segment.check(folder);
    for (Bm25Segment.LuceneFile file : files) {
      Path path = folder.resolve(file.name());
      byte[] bytes = Files.readAllBytes(path);
      assertEquals(bytes.length, file.bytes(), file.name());
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - Long.BYTES);
      assertEquals(crc.getValue(), file.checksum(), file.name() + ": CRC32 of all bytes before the footer's checksum");

      int at = random.nextInt(bytes.length);
      byte flip = (byte) (1 << random.nextInt(8));
      bytes[at] ^= flip;
      Files.write(path, bytes);
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> Bm25Segment.check(folder),
          file.name() + " byte " + at + ", " + REPLAY);
      assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
      bytes[at] ^= flip;
      Files.write(path, bytes);
    }
    Bm25Segment.check(folder);
  }

  @Test
  void segmentsOfDifferentAnalyzersAreRefused() throws IOException {
    Bm25Segment standard = keep(segment("standard", TextAnalyzer.STANDARD, "apple pie"));
    Bm25Segment porter = keep(segment("porter", TextAnalyzer.PORTER, "apple pies"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Bm25Searcher(List.of(standard, porter), Bm25Params.DEFAULTS));
    assertTrue(e.getMessage().contains("segment 1 was written with the porter analyzer and segment 0 with standard"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Bm25Searcher(List.of(), Bm25Params.DEFAULTS));
    Bm25Searcher searcher = new Bm25Searcher(List.of(standard, standard), Bm25Params.DEFAULTS);
    assertThrows(IllegalArgumentException.class, () -> searcher.search("apple", 10, List.of(DocMask.ALL)));
    assertThrows(IllegalArgumentException.class, () -> searcher.search("apple", 0, List.of(DocMask.ALL, DocMask.ALL)));
  }

  @Test
  void emptySegmentsTakeNoDocNumbers() throws IOException {
    Bm25Segment empty = keep(segment("empty", TextAnalyzer.STANDARD));
    Bm25Segment two = keep(segment("two", TextAnalyzer.STANDARD, "cherry", "apple apple"));
    assertEquals(0, empty.size());
    Bm25Searcher searcher = new Bm25Searcher(List.of(empty, two, empty, two), Bm25Params.DEFAULTS);
    assertEquals(4, searcher.size());
    List<DocMask> all = Collections.nCopies(4, DocMask.ALL);
    assertArrayEquals(new int[] {1, 3}, searcher.search("apple", 10, all).docs());
    assertEquals(0, searcher.search("the zebra", 10, all).size());
  }

  @Test
  void writerNeedsAnEmptyFolderAndDeletesAnUnfinishedSegment() throws IOException {
    Path created = dir.resolve("created");
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(created, TextAnalyzer.PORTER)) {
      writer.add("title", "text");
      assertEquals(1, writer.size());
    }
    assertFalse(Files.exists(created), "an unfinished segment is deleted with the folder its writer made");

    Path given = Files.createDirectory(dir.resolve("given"));
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(given, TextAnalyzer.PORTER)) {
      writer.add("title", "text");
    }
    try (Stream<Path> left = Files.list(given)) {
      assertEquals(List.of(), left.toList(), "an unfinished segment leaves the given folder empty");
    }

    Path finished = dir.resolve("finished");
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(finished, TextAnalyzer.PORTER)) {
      writer.add("", "running shoes");
      writer.finish();
      assertThrows(IllegalStateException.class, () -> writer.add("", "more"));
    }
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> Bm25SegmentWriter.create(finished, TextAnalyzer.PORTER));
    assertTrue(e.getMessage().contains(finished.toString()), e.getMessage());
    Bm25Segment segment = keep(Bm25Segment.open(finished));
    assertEquals(TextAnalyzer.PORTER, segment.analyzer(), "the analyzer is recorded in the commit");
    assertEquals(1, segment.size());
  }

  @Test
  void openRefusesWhatIsNotASegmentNamingTheFolder() throws IOException {
    Path missing = dir.resolve("missing");
    NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> Bm25Segment.open(missing));
    assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());
    assertFalse(Files.exists(missing), "opening does not create the folder");

    Path empty = Files.createDirectory(dir.resolve("empty"));
    none = assertThrows(NoSuchFileException.class, () -> Bm25Segment.open(empty));
    assertTrue(none.getMessage().contains(empty.toString()), none.getMessage());

    Path stray = Files.createDirectory(dir.resolve("stray"));
    Files.writeString(stray.resolve("stray.txt"), "x");
    none = assertThrows(NoSuchFileException.class, () -> Bm25Segment.open(stray));
    assertTrue(none.getMessage().contains(stray + ": no BM25 segment here"), none.getMessage());

    // A Lucene index of another format: lsr's former whole-collection BM25 index (bm25-v2).
    Path whole = dir.resolve("whole");
    try (FSDirectory luceneDir = FSDirectory.open(whole);
        IndexWriter writer = new IndexWriter(luceneDir, new IndexWriterConfig())) {
      writer.addDocument(List.of(new TextField(Bm25SegmentWriter.CONTENTS, "apple", Field.Store.NO)));
      writer.setLiveCommitData(Map.of(Bm25SegmentWriter.FORMAT_KEY, "bm25-v2").entrySet());
      writer.commit();
    }
    CorruptIndexException other = assertThrows(CorruptIndexException.class, () -> Bm25Segment.open(whole));
    assertTrue(other.getMessage().contains(whole + ": a Lucene index, but not an lsr BM25 segment (format bm25-v2, "
        + "expected bm25-segment-v1)"), other.getMessage());
    assertThrows(CorruptIndexException.class, () -> Bm25Segment.check(whole));
  }

  // ---- helpers

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }

  /** Documents skewed toward the first words, a third with a title, a few empty. */
  private static List<Document> corpus(Random random) {
    List<Document> docs = new ArrayList<>();
    int n = SIZES[0] + SIZES[1] + SIZES[2];
    for (int i = 0; i < n; i++) {
      String title = random.nextInt(3) == 0 ? words(random, 1 + random.nextInt(3)) : "";
      String text = random.nextInt(100) == 0 ? "" : words(random, 1 + random.nextInt(40));
      docs.add(new Document("d" + i, title, text));
    }
    return docs;
  }

  private static String words(Random random, int count) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      double r = random.nextDouble();
      s.append(i == 0 ? "" : " ").append(WORDS[(int) (r * r * WORDS.length)]);
    }
    return s.toString();
  }

  /** One to four words, repeated at times, with now and then a stop word or a word no document has. */
  private static String query(Random random) {
    String query = words(random, 1 + random.nextInt(4));
    if (random.nextInt(4) == 0) {
      query += " " + query.split(" ")[0];
    }
    return random.nextInt(5) == 0 ? "the " + query + " zebra" : query;
  }

  /** The three segments of {@link #SIZES} holding {@code docs} in order; the first flushes often. */
  private List<Bm25Segment> segments(List<Document> docs, TextAnalyzer analyzer) throws IOException {
    List<Bm25Segment> segments = new ArrayList<>();
    int base = 0;
    for (int s = 0; s < SIZES.length; s++) {
      int maxBufferedDocs = s == 0 ? 101 : IndexWriterConfig.DISABLE_AUTO_FLUSH;
      List<Document> part = docs.subList(base, base + SIZES[s]);
      segments.add(keep(written(dir.resolve("segment" + s), analyzer, maxBufferedDocs, part)));
      base += SIZES[s];
    }
    return segments;
  }

  private Bm25Segment segment(String name, TextAnalyzer analyzer, String... texts) throws IOException {
    List<Document> docs = Arrays.stream(texts).map(text -> new Document("d", "", text)).toList();
    return written(dir.resolve(name), analyzer, IndexWriterConfig.DISABLE_AUTO_FLUSH, docs);
  }

  /**
   * A finished segment in {@code folder} of {@code docs}' titles and texts in order (flushing every
   * {@code maxBufferedDocs}), opened; the caller closes it.
   */
  static Bm25Segment written(Path folder, TextAnalyzer analyzer, int maxBufferedDocs, List<Document> docs)
      throws IOException {
    try (Bm25SegmentWriter writer = Bm25SegmentWriter.create(folder, analyzer, maxBufferedDocs)) {
      for (Document d : docs) {
        writer.add(d.title(), d.text());
      }
      writer.finish();
    }
    return Bm25Segment.open(folder);
  }

  /** All, deletions only, a filter only, both, or nothing at all. */
  private static DocMask mask(Random random, int size) {
    return switch (random.nextInt(5)) {
      case 0 -> DocMask.ALL;
      case 1 -> new DocMask(null, sample(random, size, 0.15));
      case 2 -> DocMask.allowing(sample(random, size, 0.3));
      case 3 -> new DocMask(sample(random, size, 0.5), sample(random, size, 0.2));
      default -> DocMask.allowing(new RoaringBitmap());
    };
  }

  private static RoaringBitmap sample(Random random, int size, double share) {
    RoaringBitmap docs = new RoaringBitmap();
    for (int d = 0; d < size; d++) {
      if (random.nextDouble() < share) {
        docs.add(d);
      }
    }
    return docs;
  }

  /** Whether the segment holding global {@code doc} accepts it. */
  private static boolean accepts(List<DocMask> masks, int doc) {
    int local = doc;
    for (int s = 0; s < SIZES.length; s++) {
      if (local < SIZES[s]) {
        return masks.get(s).accepts(local);
      }
      local -= SIZES[s];
    }
    throw new AssertionError("doc " + doc + " is past the last segment");
  }
}
