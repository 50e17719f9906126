package lsr.index.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.IndexFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ids.lsr: round trips, lookups, refused ids, and damaged files. Replay with -Dlsr.test.seed=n. */
class DocIdTableTest {

  private static final long SEED = Long.getLong("lsr.test.seed", new Random().nextLong());

  @TempDir Path dir;
  private final Arena arena = Arena.ofShared();

  @BeforeAll
  static void printSeed() {
    System.out.println("DocIdTableTest seed " + SEED + " (replay with -Dlsr.test.seed=" + SEED + ")");
  }

  @AfterEach
  void closeArena() {
    arena.close();
  }

  @Test
  void randomUnicodeIdsRoundTripAndAreFound() throws IOException {
    Random random = new Random(SEED);
    Set<String> unique = new LinkedHashSet<>();
    while (unique.size() < 20_000) { // more than a LongList chunk
      unique.add(randomId(random));
    }
    List<String> ids = new ArrayList<>(unique);
    Path file = write(ids);
    for (IndexFile.Verify verify : IndexFile.Verify.values()) {
      DocIdTable table = DocIdTable.open(file, arena, verify);
      assertEquals(ids.size(), table.size());
      for (int doc = 0; doc < ids.size(); doc++) {
        String id = ids.get(doc);
        assertEquals(id, table.id(doc), "id of document " + doc + ", seed " + SEED);
        assertEquals(doc, table.find(id), "find('" + id + "'), seed " + SEED);
      }
      for (int i = 0; i < 2_000; i++) {
        String absent = randomId(random);
        if (!unique.contains(absent)) {
          assertEquals(-1, table.find(absent), "absent '" + absent + "', seed " + SEED);
        }
        String near = ids.get(random.nextInt(ids.size())) + "x";
        if (!unique.contains(near)) {
          assertEquals(-1, table.find(near), "absent '" + near + "', seed " + SEED);
        }
      }
    }
  }

  @Test
  void idsOfTheSameHashAreDistinctDocuments() throws IOException {
    // Two different ids with one 32-bit hash (the birthday bound makes one turn up within ~100 000).
    Map<Integer, String> byHash = new HashMap<>();
    String first = null;
    String second = null;
    for (int i = 0; second == null; i++) {
      String id = "c" + i;
      String clash = byHash.putIfAbsent(Murmur3.hash32(id.getBytes(StandardCharsets.UTF_8)), id);
      if (clash != null) {
        first = clash;
        second = id;
      }
    }
    List<String> ids = new ArrayList<>(List.of(first, "other", second));
    Path file = write(ids);
    DocIdTable table = DocIdTable.open(file, arena, IndexFile.Verify.CHECKSUM);
    assertEquals(0, table.find(first), first + " and " + second + " share a hash");
    assertEquals(2, table.find(second), first + " and " + second + " share a hash");
  }

  @Test
  void zeroDocuments() throws IOException {
    DocIdTable table = DocIdTable.open(write(List.of()), arena, IndexFile.Verify.CHECKSUM);
    assertEquals(0, table.size());
    assertEquals(-1, table.find("anything"));
    assertThrows(IndexOutOfBoundsException.class, () -> table.id(0));
  }

  @Test
  void duplicateIdsAreRefusedAndTheFileDeleted() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(i == 17 ? "d3" : "d" + i);
    }
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      for (String id : ids) {
        w.add(id);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::finish);
      assertEquals("document id 'd3' occurs twice in the segment (documents 3 and 17)", e.getMessage());
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aThriceRepeatedUnicodeIdIsReportedAtItsFirstTwoDocuments() throws IOException {
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      for (String id : List.of("a", "größe 😀", "b", "größe 😀", "größe 😀")) {
        w.add(id);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::finish);
      assertEquals("document id 'größe 😀' occurs twice in the segment (documents 1 and 3)", e.getMessage());
    }
  }

  @Test
  void idsUpTo64KibOfUtf8AreKeptAndLongerRefused() throws IOException {
    String longest = "😀".repeat(DocIdTable.MAX_ID_BYTES / 4);
    assertEquals(DocIdTable.MAX_ID_BYTES, longest.getBytes(StandardCharsets.UTF_8).length);
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      w.add("short");
      w.add(longest);
      String tooLong = "x" + longest;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.add(tooLong));
      assertTrue(e.getMessage().contains("'x" + "😀".repeat(39) + "...'"), e.getMessage());
      assertTrue(e.getMessage().contains("65537 bytes"), e.getMessage());
      assertEquals(2, w.size(), "a refused id is not added");
      w.finish();
    }
    DocIdTable table = DocIdTable.open(file, arena, IndexFile.Verify.CHECKSUM);
    assertEquals(longest, table.id(1));
    assertEquals(1, table.find(longest));
  }

  @Test
  void emptyAndMalformedIdsAreRefused() throws IOException {
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      w.add("a?b");
      IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> w.add(""));
      assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
      IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class, () -> w.add("a\uD800b"));
      assertTrue(surrogate.getMessage().contains("unpaired surrogate"), surrogate.getMessage());
      w.finish();
    }
    DocIdTable table = DocIdTable.open(file, arena, IndexFile.Verify.CHECKSUM);
    assertEquals(1, table.size());
    // String.getBytes would turn the lone surrogate into '?', which is stored.
    assertEquals(-1, table.find("a\uD800b"));
    assertEquals(0, table.find("a?b"));
  }

  @Test
  void anUnfinishedFileIsDeleted() throws IOException {
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      w.add("a");
      assertTrue(Files.exists(file));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aFlippedByteIsCaughtByTheChecksum() throws IOException {
    Path file = write(someIds());
    flipByte(file, Files.size(file) / 2);
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> DocIdTable.open(file, arena, IndexFile.Verify.CHECKSUM));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsRefusedByItsStructure() throws IOException {
    Path file = write(someIds());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 10);
    }
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> DocIdTable.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void countsThatDoNotMatchTheTablesAreRefused() throws IOException {
    Path file = write(someIds());
    long docsAt = Files.size(file) - 16 - 8; // the Docs count, before the 16-byte footer
    writeInt(file, docsAt, 1025); // would need 4096 slots, where 1000 have 2048
    CorruptIndexException slots =
        assertThrows(CorruptIndexException.class, () -> DocIdTable.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(slots.getMessage().contains(file.toString()) && slots.getMessage().contains("1025 documents"),
        slots.getMessage());
    writeInt(file, docsAt, 1001); // same slot count as 1000, so only the offset table is misplaced
    CorruptIndexException offsets =
        assertThrows(CorruptIndexException.class, () -> DocIdTable.open(file, arena, IndexFile.Verify.STRUCTURE));
    assertTrue(offsets.getMessage().contains(file.toString()) && offsets.getMessage().contains("id offsets"),
        offsets.getMessage());
  }

  @Test
  void corruptOffsetsFailLookupsWithTheFileNamed() throws IOException {
    List<String> ids = someIds();
    Path file = write(ids);
    // File offsets: the slots end 8 bytes of counts and the 16-byte footer before the file's end.
    long slotsAt = Files.size(file) - 16 - 8 - 4L * DocIdTable.slotCount(ids.size());
    long offsetOf500 = slotsAt - 8L * (ids.size() + 1) + 8L * 500;
    writeLong(file, offsetOf500, Long.MAX_VALUE / 2);
    DocIdTable table = DocIdTable.open(file, arena, IndexFile.Verify.STRUCTURE);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> table.id(500));
    assertInstanceOf(CorruptIndexException.class, e.getCause());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("document 500"), e.getMessage());
    assertThrows(UncheckedIOException.class, () -> table.find(ids.get(500)));
    assertEquals(ids.get(10), table.id(10));
  }

  /** The hash fixes where ids sit in every table written, so it must stay the reference MurmurHash3. */
  @Test
  void hashIsTheReferenceMurmur3() {
    // Outputs of MurmurHash3_x86_32 with seed 0 (Appleby's reference; Guava's murmur3_32_fixed).
    Map<String, Integer> expected = Map.of(
        "", 0x00000000,
        "a", 0x3c2569b2,
        "ab", 0x9bbfd75f,
        "abc", 0xb3dd93fa,
        "abcd", 0x43ed676a,
        "hello", 0x248bfa47,
        "The quick brown fox jumps over the lazy dog", 0x2e4ff723,
        "é€😀", 0x295a8444);
    expected.forEach((text, hash) ->
        assertEquals(hash, Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8)), "murmur3 of '" + text + "'"));
    assertNotEquals(Murmur3.hash32(new byte[] {1}), Murmur3.hash32(new byte[] {1, 0}));
  }

  @Test
  void longListKeepsEveryValueAcrossChunks() {
    LongList list = new LongList();
    for (long i = 0; i < 100_000; i++) {
      list.add(i * 0x9E3779B97F4A7C15L);
    }
    assertEquals(100_000, list.size());
    for (int i = 0; i < 100_000; i++) {
      assertEquals(i * 0x9E3779B97F4A7C15L, list.get(i), "element " + i);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(100_000));
  }

  private Path write(List<String> ids) throws IOException {
    Path file = dir.resolve("ids.lsr");
    try (DocIdTableWriter w = DocIdTableWriter.create(file)) {
      for (String id : ids) {
        w.add(id);
      }
      assertEquals(ids.size(), w.size());
      w.finish();
    }
    return file;
  }

  private static List<String> someIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add("doc-" + i);
    }
    return ids;
  }

  /** 1 to 24 code points from ASCII, Latin, Greek, CJK and emoji (beyond the BMP). */
  static String randomId(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 1 + random.nextInt(24); i > 0; i--) {
      s.appendCodePoint(randomCodePoint(random));
    }
    return s.toString();
  }

  static int randomCodePoint(Random random) {
    int[][] ranges = {{'0', 'z'}, {0xC0, 0x17F}, {0x391, 0x3C9}, {0x4E00, 0x9FFF}, {0x1F600, 0x1F64F}};
    int[] range = ranges[random.nextInt(ranges.length)];
    return range[0] + random.nextInt(range[1] - range[0] + 1);
  }

  static void flipByte(Path file, long at) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
      ch.write(b, at);
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
