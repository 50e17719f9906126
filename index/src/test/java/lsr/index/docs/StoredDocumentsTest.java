package lsr.index.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import lsr.index.store.IndexFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs.lsr: round trips, concurrent reads, and damaged files and blocks. Replay with -Dlsr.test.seed=n. */
class StoredDocumentsTest {

  private static final long SEED = Long.getLong("lsr.test.seed", new Random().nextLong());

  @TempDir Path dir;
  private final Arena arena = Arena.ofShared();

  @BeforeAll
  static void printSeed() {
    System.out.println("StoredDocumentsTest seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")");
  }

  @AfterEach
  void closeArena() {
    arena.close();
  }

  @Test
  void randomDocumentsRoundTrip() throws IOException {
    Random random = new Random(SEED);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 10_007; i++) { // not a multiple of the block size: the last block is short
      docs.add(randomDocument(random, i));
    }
    Path file = write(docs);
    StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.CHECKSUM);
    assertEquals(docs.size(), stored.size());
    for (int d = 0; d < docs.size(); d++) {
      assertEquals(docs.get(d), stored.document(d), "document " + d + ", seed " + SEED);
    }
    StoredDocuments unchecked = StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE);
    for (int d = docs.size() - 1; d >= 0; d -= 97) {
      assertEquals(docs.get(d), unchecked.document(d), "document " + d + ", seed " + SEED);
    }
  }

  @Test
  void concurrentReadersGetTheirOwnDocuments() throws IOException {
    Random random = new Random(SEED);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      docs.add(randomDocument(random, i));
    }
    StoredDocuments stored = StoredDocuments.open(write(docs), arena, IndexFile.Verify.CHECKSUM);
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    // Every thread reads documents of the same few blocks, in different orders.
    IntStream.range(0, 8_000).parallel().forEach(i -> {
      int d = (int) ((i * 7919L) % 64);
      try {
        if (!docs.get(d).equals(stored.document(d))) {
          wrong.add("document " + d);
        }
      } catch (CorruptIndexException e) {
        wrong.add(e.getMessage());
      }
    });
    assertTrue(wrong.isEmpty(), wrong.size() + " wrong reads, first " + wrong.peek() + ", seed " + SEED);
  }

  @Test
  void emptyTitlesAndTextsAndAOneMegabyteText() throws IOException {
    Random random = new Random(SEED);
    StringBuilder big = new StringBuilder();
    while (big.length() < 1 << 20) {
      big.append(randomText(random, 200)).append('\n');
    }
    List<Document> docs = List.of(
        new Document("empty", "", ""),
        new Document("no-title", "", "some text"),
        new Document("no-text", "a title", ""),
        new Document("big", "Ünïcødé 😀", big.toString(), Map.of("n", new FieldValue.Number(-0.0))),
        new Document("after-big", "", "x", Map.of("k", new FieldValue.Keywords(List.of()), "s", new FieldValue.Text(""))));
    Path file = write(docs);
    StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.CHECKSUM);
    for (int d = 0; d < docs.size(); d++) {
      assertEquals(docs.get(d), stored.document(d), "document " + d + ", seed " + SEED);
    }
    assertTrue(Files.size(file) < big.toString().getBytes(StandardCharsets.UTF_8).length, "the block is compressed");
  }

  @Test
  void zeroDocuments() throws IOException {
    StoredDocuments stored = StoredDocuments.open(write(List.of()), arena, IndexFile.Verify.CHECKSUM);
    assertEquals(0, stored.size());
    assertThrows(IndexOutOfBoundsException.class, () -> stored.document(0));
  }

  @Test
  void anUnfinishedFileIsDeleted() throws IOException {
    Path file = dir.resolve("docs.lsr");
    try (StoredDocumentsWriter w = StoredDocumentsWriter.create(file)) {
      w.add(new Document("a", "", "text"));
      assertTrue(Files.exists(file));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aFlippedByteIsCaughtByTheChecksum() throws IOException {
    Path file = write(fixedDocuments(100));
    DocIdTableTest.flipByte(file, Files.size(file) / 2);
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> StoredDocuments.open(file, arena, IndexFile.Verify.CHECKSUM));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsRefusedByItsStructure() throws IOException {
    Path file = write(fixedDocuments(100));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 10);
    }
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void countsThatDoNotMatchTheBlockTableAreRefused() throws IOException {
    Path file = write(fixedDocuments(100)); // 7 blocks
    long docsAt = Files.size(file) - 16 - 8; // the Docs count, before the 16-byte footer
    writeInt(file, docsAt, 120); // 8 blocks
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("blocks run"), e.getMessage());
    writeInt(file, docsAt, 100);
    writeInt(file, docsAt + 4, 0);
    CorruptIndexException perBlock =
        assertThrows(CorruptIndexException.class, () -> StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(perBlock.getMessage().contains("0 a block"), perBlock.getMessage());
  }

  @Test
  void aCorruptBlockNamesTheFileAndTheDocument() throws IOException {
    Path file = write(fixedDocuments(100));
    // Block 1 (documents 16 to 31): flip a byte in the middle of its zlib stream.
    long blockTable = Files.size(file) - 16 - 8 - 8L * 8;
    long from = 16 + readLong(file, blockTable + 8);
    long to = 16 + readLong(file, blockTable + 16);
    DocIdTableTest.flipByte(file, (from + 4 + to) / 2);
    StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE);
    CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> stored.document(20));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("document 20"), e.getMessage());
    assertEquals(fixedDocuments(100).get(15), stored.document(15), "other blocks are still read");
    assertEquals(fixedDocuments(100).get(32), stored.document(32), "other blocks are still read");
  }

  @Test
  void aBlockTableOutsideTheBlocksIsCorrupt() throws IOException {
    Path file = write(fixedDocuments(100));
    long blockTable = Files.size(file) - 16 - 8 - 8L * 8;
    writeLong(file, blockTable + 8 * 3, Long.MAX_VALUE);
    StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.STRUCTURE);
    CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> stored.document(40));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("document 40"), e.getMessage());
  }

  /** Records written by hand whose lengths, counts or types lie: each read fails as corrupt. */
  @Test
  void recordsThatBreakTheGrammarAreCorrupt() throws IOException {
    record Case(String name, byte[] inflated, String problem) {}
    List<Case> cases = List.of(
        new Case("string past the record", block(rec -> rec.putInt(1000).put((byte) 'a')), "runs past"),
        new Case("negative length", block(rec -> rec.putInt(-5)), "runs past"),
        new Case("huge field count", block(rec -> strings(rec, "id", "", "").putInt(Integer.MAX_VALUE)), "count"),
        new Case("unknown field type", block(rec -> strings(rec, "id", "", "").putInt(1).putInt(1).put((byte) 'f').put((byte) 9)),
            "unknown type 9"),
        new Case("number cut short", block(rec -> strings(rec, "id", "", "").putInt(1).putInt(1).put((byte) 'f')
            .put(StoredDocuments.NUMBER).putInt(0)), "inside a value"),
        new Case("bytes after the fields", block(rec -> strings(rec, "id", "", "").putInt(0).putInt(7)), "after its last field"),
        new Case("empty id", block(rec -> strings(rec, "", "", "").putInt(0)), "not a valid document"),
        new Case("record start past the records", withStarts(new byte[8], 0, 400), "spans"),
        new Case("too short for its starts", new byte[3], "too few"));
    for (Case c : cases) {
      Path file = dir.resolve(c.name().replace(' ', '-') + ".lsr");
      writeRawBlock(file, c.inflated(), c.inflated().length);
      StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.CHECKSUM);
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> stored.document(0), c.name());
      assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("document 0")
          && e.getMessage().contains(c.problem()), c.name() + ": " + e.getMessage());
    }
  }

  @Test
  void aBlockWhoseRecordedLengthLiesIsCorrupt() throws IOException {
    byte[] inflated = block(rec -> strings(rec, "id", "", "").putInt(0));
    for (int claimed : new int[] {inflated.length - 1, inflated.length + 1, Integer.MAX_VALUE}) {
      Path file = dir.resolve("claims-" + claimed + ".lsr");
      writeRawBlock(file, inflated, claimed);
      StoredDocuments stored = StoredDocuments.open(file, arena, IndexFile.Verify.CHECKSUM);
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> stored.document(0), "claims " + claimed);
      assertTrue(e.getMessage().contains("document 0") && e.getMessage().contains("inflate"), e.getMessage());
    }
    Path honest = dir.resolve("honest.lsr");
    writeRawBlock(honest, inflated, inflated.length);
    assertEquals(new Document("id", "", ""), StoredDocuments.open(honest, arena, IndexFile.Verify.CHECKSUM).document(0));
  }

  private Path write(List<Document> docs) throws IOException {
    Path file = dir.resolve("docs.lsr");
    try (StoredDocumentsWriter w = StoredDocumentsWriter.create(file)) {
      for (Document d : docs) {
        w.add(d);
      }
      assertEquals(docs.size(), w.size());
      w.finish();
    }
    return file;
  }

  private static List<Document> fixedDocuments(int n) {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(new Document("doc-" + i, "Title " + i, "The text of document " + i + ", which repeats. ".repeat(5),
          Map.of("year", new FieldValue.Number(1990 + i))));
    }
    return docs;
  }

  private static Document randomDocument(Random random, int i) {
    String title = random.nextInt(4) == 0 ? "" : randomText(random, 12);
    String text = random.nextInt(10) == 0 ? "" : randomText(random, random.nextInt(600));
    Map<String, FieldValue> fields = new TreeMap<>();
    String[] names = {"lang", "year", "tags", "source.url", "score_2"};
    for (int f = random.nextInt(4); f > 0; f--) {
      String name = names[random.nextInt(names.length)];
      fields.put(name, switch (random.nextInt(3)) {
        case 0 -> new FieldValue.Text(randomText(random, random.nextInt(8)));
        case 1 -> new FieldValue.Number(random.nextBoolean() ? random.nextInt(3000) : random.nextGaussian() * 1e6);
        default -> {
          List<String> keywords = new ArrayList<>();
          for (int k = random.nextInt(5); k > 0; k--) {
            keywords.add(randomText(random, 1 + random.nextInt(6)));
          }
          yield new FieldValue.Keywords(keywords);
        }
      });
    }
    return new Document(i + "-" + DocIdTableTest.randomId(random), title, text, fields);
  }

  /** Up to {@code codePoints} code points: words of ASCII, Latin, Greek, CJK and emoji, and spaces. */
  private static String randomText(Random random, int codePoints) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      s.appendCodePoint(random.nextInt(6) == 0 ? ' ' : DocIdTableTest.randomCodePoint(random));
    }
    return s.toString();
  }

  private interface RecordBytes {
    void put(ByteBuffer rec);
  }

  /** The inflated form of a one-document block whose record is what {@code record} writes. */
  private static byte[] block(RecordBytes record) {
    ByteBuffer rec = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    record.put(rec);
    byte[] bytes = new byte[rec.position()];
    rec.get(0, bytes);
    return withStarts(bytes, 0, bytes.length);
  }

  private static byte[] withStarts(byte[] records, int start, int end) {
    return ByteBuffer.allocate(records.length + 8).order(ByteOrder.LITTLE_ENDIAN)
        .put(records).putInt(start).putInt(end).array();
  }

  private static ByteBuffer strings(ByteBuffer rec, String... strings) {
    for (String s : strings) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      rec.putInt(utf8.length).put(utf8);
    }
    return rec;
  }

  /** A docs.lsr of one document whose block inflates to {@code inflated} and records {@code claimed}. */
  private static void writeRawBlock(Path file, byte[] inflated, int claimed) throws IOException {
    Deflater deflater = new Deflater();
    deflater.setInput(inflated);
    deflater.finish();
    byte[] zlib = new byte[inflated.length + 64];
    int n = deflater.deflate(zlib);
    deflater.end();
    try (IndexFileWriter w = IndexFileWriter.create(file, FileKind.STORED_DOCUMENTS)) {
      w.writeInt(claimed);
      w.writeBytes(zlib, 0, n);
      long end = w.position() - 16;
      w.align(8);
      w.writeLong(0);
      w.writeLong(end);
      w.writeInt(1);
      w.writeInt(StoredDocumentsWriter.DOCS_PER_BLOCK);
      w.finish();
    }
  }

  private static long readLong(Path file, long at) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, at);
      return b.getLong(0);
    }
  }

  private static void writeInt(Path file, long at, int value) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), at);
    }
  }

  private static void writeLong(Path file, long at, long value) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value), at);
    }
  }
}
