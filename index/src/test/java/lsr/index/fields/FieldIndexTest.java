package lsr.index.fields;

import static lsr.index.fields.FieldsTesting.bruteForce;
import static lsr.index.fields.FieldsTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.fields.FieldCondition.AnyOf;
import lsr.index.fields.FieldCondition.Range;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.IndexFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class FieldIndexTest {

  private static final int HEADER_BYTES = 16;
  private static final int FOOTER_BYTES = 16;

  @TempDir Path dir;

  @Test
  void everyConditionMatchesWhatBruteForceFinds() throws IOException {
    long seed = FieldsTesting.seed("FieldIndexTest.everyConditionMatchesWhatBruteForceFinds");
    Random random = new Random(seed);
    for (int round = 0; round < 10; round++) {
      // Once past 65536 docs, where RoaringBitmap starts a second container.
      int n = round == 3 ? 65_536 + random.nextInt(10_000) : random.nextInt(400);
      List<Map<String, FieldValue>> docs = FieldsTesting.randomDocs(random, n);
      FieldIndex index = write(dir.resolve("fields-" + round + ".lsr"), docs);
      String where = "seed " + seed + ", round " + round;
      assertEquals(n, index.size(), where);
      Map<String, FieldType> types = new TreeMap<>();
      docs.forEach(fields -> fields.forEach((name, value) -> types.put(name, value.type())));
      assertEquals(types, index.types(), where);
      for (int q = 0; q < 60; q++) {
        FieldCondition condition = FieldsTesting.randomCondition(random);
        assertEquals(bruteForce(docs, List.of(condition)), index.matching(condition), where + ", " + condition);
      }
    }
  }

  @Test
  void segmentWithoutFieldsGetsAValidEmptyFile() throws IOException {
    for (int n : new int[] {0, 3}) {
      FieldIndex index = write(dir.resolve("empty-" + n + ".lsr"), Collections.nCopies(n, Map.of()));
      assertEquals(n, index.size());
      assertEquals(Map.of(), index.types());
      assertTrue(index.matching(new AnyOf("lang", List.of("en"))).isEmpty());
      assertTrue(index.matching(new Range("year", null, true, null, true)).isEmpty());
      assertEquals(RoaringBitmap.bitmapOfRange(0, n), new FieldFilter(List.of()).matching(index));
    }
  }

  @Test
  void docsLackingAFieldNeverMatchIt() throws IOException {
    FieldIndex index = write(dir.resolve("fields.lsr"), List.of(
        Map.of("lang", text("en")),
        Map.of("year", number(2000)),
        Map.of(),
        Map.of("lang", text("en"), "year", number(1990))));
    assertEquals(RoaringBitmap.bitmapOf(0, 3), index.matching(new AnyOf("lang", List.of("en"))));
    assertEquals(RoaringBitmap.bitmapOf(1, 3), index.matching(new Range("year", null, false, null, false)));
    assertEquals(Map.of("lang", FieldType.STRING, "year", FieldType.NUMBER), index.types());
  }

  @Test
  void negativeNumbersAndBothZeros() throws IOException {
    double[] values = {-0.0, 0.0, -1.5, 2, -1e300};
    FieldIndex index = write(dir.resolve("fields.lsr"), numbers("x", values));
    assertEquals(RoaringBitmap.bitmapOf(0, 1), index.matching(Range.equal("x", 0.0)));
    assertEquals(RoaringBitmap.bitmapOf(0, 1), index.matching(Range.equal("x", -0.0)));
    assertEquals(RoaringBitmap.bitmapOf(3), index.matching(new Range("x", -0.0, false, null, false)));
    assertEquals(RoaringBitmap.bitmapOf(2, 4), index.matching(new Range("x", null, false, 0.0, false)));
    assertEquals(RoaringBitmap.bitmapOf(2), index.matching(new Range("x", -2.0, true, -1.5, true)));
    assertEquals(RoaringBitmap.bitmapOf(4), index.matching(Range.equal("x", -1e300)));
  }

  @Test
  void openAndClosedBounds() throws IOException {
    FieldIndex index = write(dir.resolve("fields.lsr"), numbers("x", new double[] {1, 2, 3, 4, 5, 3}));
    assertEquals(RoaringBitmap.bitmapOf(1, 2, 3, 5), index.matching(new Range("x", 2.0, true, 4.0, true)));
    assertEquals(RoaringBitmap.bitmapOf(2, 3, 5), index.matching(new Range("x", 2.0, false, 4.0, true)));
    assertEquals(RoaringBitmap.bitmapOf(1, 2, 5), index.matching(new Range("x", 2.0, true, 4.0, false)));
    assertEquals(RoaringBitmap.bitmapOf(2, 5), index.matching(new Range("x", 2.0, false, 4.0, false)));
    assertEquals(RoaringBitmap.bitmapOf(0, 1, 2, 5), index.matching(new Range("x", null, true, 3.0, true)));
    assertEquals(RoaringBitmap.bitmapOf(3, 4), index.matching(new Range("x", 3.0, false, null, true)));
    assertEquals(RoaringBitmap.bitmapOf(2, 5), index.matching(Range.equal("x", 3)));
    assertTrue(index.matching(new Range("x", 3.0, false, 3.0, true)).isEmpty());
    assertTrue(index.matching(new Range("x", 5.5, true, null, true)).isEmpty());
  }

  @Test
  void keywordListsAreSetsAndStringsMatchExactly() throws IOException {
    FieldIndex index = write(dir.resolve("fields.lsr"), List.of(
        Map.of("tags", new FieldValue.Keywords(List.of("a", "a", "b"))),
        Map.of("tags", new FieldValue.Keywords(List.of())),
        Map.of("tags", new FieldValue.Keywords(List.of("b")), "lang", text("en")),
        Map.of("lang", text("EN"))));
    assertEquals(RoaringBitmap.bitmapOf(0), index.matching(new AnyOf("tags", List.of("a"))));
    assertEquals(RoaringBitmap.bitmapOf(0, 2), index.matching(new AnyOf("tags", List.of("a", "b", "zz"))));
    assertEquals(RoaringBitmap.bitmapOf(2), index.matching(new AnyOf("lang", List.of("en"))));
    assertEquals(FieldType.KEYWORDS, index.types().get("tags"));
  }

  @Test
  void answersAreTheCallersToChange() throws IOException {
    FieldIndex index = write(dir.resolve("fields.lsr"), List.of(Map.of("lang", text("en"))));
    index.matching(new AnyOf("lang", List.of("en"))).add(7);
    assertEquals(RoaringBitmap.bitmapOf(0), index.matching(new AnyOf("lang", List.of("en"))));
  }

  @Test
  void writerRefusesATypeClashAndKeepsGoing() throws IOException {
    Path file = dir.resolve("fields.lsr");
    try (FieldIndexWriter writer = FieldIndexWriter.create(file)) {
      writer.add(Map.of("year", number(1999)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> writer.add(new TreeMap<>(Map.of("lang", text("en"), "year", text("1999")))));
      assertTrue(e.getMessage().contains("'year'") && e.getMessage().contains("doc 1")
          && e.getMessage().contains("string") && e.getMessage().contains("number"), e.getMessage());
      assertEquals(1, writer.size());
      writer.add(Map.of("year", number(2000)));
      writer.finish();
    }
    FieldIndex index = FieldIndex.open(file, IndexFile.Verify.CHECKSUM);
    assertEquals(2, index.size());
    assertEquals(Map.of("year", FieldType.NUMBER), index.types(), "the refused doc, 'lang' before 'year', left its 'lang' behind");
    assertEquals(RoaringBitmap.bitmapOf(1), index.matching(Range.equal("year", 2000)));
  }

  @Test
  void writerRefusesALoneSurrogate() throws IOException {
    try (FieldIndexWriter writer = FieldIndexWriter.create(dir.resolve("fields.lsr"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> writer.add(Map.of("tags", new FieldValue.Keywords(List.of("ok", "\ud800")))));
      assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
      writer.add(Map.of("tags", new FieldValue.Keywords(List.of("😀"))));
      assertEquals(1, writer.size());
    }
  }

  @Test
  void unfinishedFileIsDeleted() throws IOException {
    Path file = dir.resolve("fields.lsr");
    try (FieldIndexWriter writer = FieldIndexWriter.create(file)) {
      writer.add(Map.of("lang", text("en")));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void flippedByteIsCaughtByTheChecksum() throws IOException {
    Path file = sampleFile();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    CorruptIndexException e =
        assertThrows(CorruptIndexException.class, () -> FieldIndex.open(file, IndexFile.Verify.CHECKSUM));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    Path file = sampleFile();
    byte[] bytes = Files.readAllBytes(file);
    for (int keep : new int[] {0, 20, bytes.length / 2, bytes.length - 1}) {
      Files.write(file, Arrays.copyOf(bytes, keep));
      assertThrows(CorruptIndexException.class, () -> FieldIndex.open(file, IndexFile.Verify.STRUCTURE), "kept " + keep);
    }
  }

  /**
   * A cut or lengthened body in a sound container (right length and checksum) is caught by the
   * body's own counts.
   */
  @Test
  void everyCutOfTheBodyIsRefused() throws IOException {
    byte[] file = Files.readAllBytes(sampleFile());
    Path cut = dir.resolve("cut.lsr");
    for (int keep = 0; keep < file.length - FOOTER_BYTES - HEADER_BYTES; keep++) {
      Files.write(cut, container(file, Arrays.copyOfRange(file, HEADER_BYTES, HEADER_BYTES + keep)));
      CorruptIndexException e =
          assertThrows(CorruptIndexException.class, () -> FieldIndex.open(cut, IndexFile.Verify.CHECKSUM), "kept " + keep);
      assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }
    byte[] body = Arrays.copyOfRange(file, HEADER_BYTES, file.length - FOOTER_BYTES);
    Files.write(cut, container(file, Arrays.copyOf(body, body.length + 1)));
    assertThrows(CorruptIndexException.class, () -> FieldIndex.open(cut, IndexFile.Verify.CHECKSUM), "a byte past the end");
  }

  /** Counts are checked against the bytes left before anything is allocated for them. */
  @Test
  void hugeCountsAreRefused() throws IOException {
    Path file = dir.resolve("huge.lsr");
    byte[] sample = Files.readAllBytes(sampleFile());
    int max = Integer.MAX_VALUE;
    List<byte[]> bodies = List.of(
        body(b -> b.putInt(1).putInt(max)),
        body(b -> b.putInt(1).putInt(1).put((byte) 1).put((byte) 'a').put((byte) 0).putInt(max)),
        body(b -> b.putInt(1).putInt(1).put((byte) 1).put((byte) 'a').put((byte) 0).putInt(1).putInt(max).putInt(0)),
        body(b -> b.putInt(1).putInt(1).put((byte) 1).put((byte) 'a').put((byte) 1).putInt(max).putLong(0)));
    for (byte[] body : bodies) {
      Files.write(file, container(sample, body));
      CorruptIndexException e =
          assertThrows(CorruptIndexException.class, () -> FieldIndex.open(file, IndexFile.Verify.CHECKSUM));
      assertTrue(e.getMessage().contains(String.valueOf(max)), e.getMessage());
    }
  }

  /** Every column is checked to name only docs below the segment's count. */
  @Test
  void docsBeyondTheCountAreRefused() throws IOException {
    List<FieldValue> values = List.of(text("en"), new FieldValue.Keywords(List.of("a")), number(1));
    for (FieldValue value : values) {
      Path file = dir.resolve("fields.lsr");
      write(file, List.of(Map.of(), Map.of(), Map.of("f", value)));
      byte[] bytes = Files.readAllBytes(file);
      byte[] body = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length - FOOTER_BYTES);
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 2);
      Files.write(file, container(bytes, body));
      CorruptIndexException e =
          assertThrows(CorruptIndexException.class, () -> FieldIndex.open(file, IndexFile.Verify.CHECKSUM), "" + value);
      assertTrue(e.getMessage().contains("doc 2"), e.getMessage());
    }
  }

  /** Without the checksum a damaged body either still reads or is refused as corrupt, never worse. */
  @Test
  void damagedBodyEndsInCorruptIndexExceptionOnly() throws IOException {
    byte[] file = Files.readAllBytes(sampleFile());
    Path damaged = dir.resolve("damaged.lsr");
    int refused = 0;
    for (int at = HEADER_BYTES; at < file.length - FOOTER_BYTES; at++) {
      // 0x7F makes a small count huge, 0x80 makes it negative.
      for (int flip : new int[] {0x01, 0x7F, 0x80}) {
        byte[] copy = file.clone();
        copy[at] ^= (byte) flip;
        Files.write(damaged, copy);
        try {
          FieldIndex.open(damaged, IndexFile.Verify.STRUCTURE);
        } catch (CorruptIndexException e) {
          refused++;
        } catch (IOException | RuntimeException e) {
          throw new AssertionError("byte " + at + " flipped with " + flip + " escaped as " + e, e);
        }
      }
    }
    assertTrue(refused > 0, "no damage was noticed");
  }

  /**
   * {@code body} between the header of {@code file} and a footer of its own, as {@link IndexFile}
   * lays out a container; written here because IndexFileWriter forces every file to disk, which
   * makes a thousand of them slow.
   */
  private static byte[] container(byte[] file, byte[] body) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length + FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.put(file, 0, HEADER_BYTES).put(body).putLong(body.length).put(file, file.length - 8, 4);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    return out.putInt((int) crc.getValue()).array();
  }

  private static byte[] body(Consumer<ByteBuffer> fill) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    fill.accept(b);
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A file of strings, keywords and numbers, a few hundred bytes long. */
  private Path sampleFile() throws IOException {
    Path file = dir.resolve("sample.lsr");
    FieldIndex index = write(file, FieldsTesting.randomDocs(new Random(42), 16));
    assertEquals(Set.of(FieldType.values()), Set.copyOf(index.types().values()), "the sample lacks a type");
    return file;
  }

  private static List<Map<String, FieldValue>> numbers(String field, double[] values) {
    return Arrays.stream(values).mapToObj(v -> Map.<String, FieldValue>of(field, number(v))).toList();
  }

  private static FieldValue text(String value) {
    return new FieldValue.Text(value);
  }

  private static FieldValue number(double value) {
    return new FieldValue.Number(value);
  }
}
