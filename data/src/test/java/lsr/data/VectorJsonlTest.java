package lsr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorJsonlTest {

  private static final Vocabulary VOCAB = Vocabulary.of(List.of("[PAD]", "apple", "banana", "##ing", "cherry"));

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static List<VectorRecord> readAll(Path p, Vocabulary vocab, ErrorPolicy policy) throws IOException {
    return Records.readAll(VectorJsonlReader.open(p, vocab, policy));
  }

  @Test
  void readsBothLayoutsFloatAndIntegerWeights() throws IOException {
    Path p = file("v.jsonl", """
        {"id": "d1", "contents": "apple pie", "vector": {"banana": 0.5, "apple": 2}}
        {"id": 7, "content": "x", "vector": {"##ing": 30, "cherry": 0.0}, "extra": [1, {"a": 2}]}

        {"vector": {}, "id": "empty"}
        """);
    List<VectorRecord> records = readAll(p, VOCAB, ErrorPolicy.strict());
    assertEquals(3, records.size());
    VectorRecord first = records.get(0);
    assertEquals("d1", first.id());
    assertEquals("apple pie", first.text());
    assertEquals(SparseVector.of(new int[] {1, 2}, new float[] {2f, 0.5f}), first.vector());
    assertEquals("7", records.get(1).id());
    assertEquals(SparseVector.of(new int[] {3}, new float[] {30f}), records.get(1).vector(), "zero weight dropped");
    assertTrue(records.get(2).vector().isEmpty());
    assertEquals("", records.get(2).text());
  }

  @Test
  void readsGzipByMagicBytesWhateverTheName() throws IOException {
    Path p = dir.resolve("no-gz-suffix.jsonl");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("{\"id\": \"a\", \"vector\": {\"apple\": 1.5}}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(1.5f, readAll(p, VOCAB, ErrorPolicy.strict()).get(0).vector().get(1));
  }

  @Test
  void strictModeNamesFileLineAndToken() throws IOException {
    Path p = file("v.jsonl", """
        {"id": "ok", "vector": {"apple": 1}}
        {"id": "bad", "vector": {"apple": 1, "durian": 2}}
        """);
    InputFormatException e = assertThrows(InputFormatException.class, () -> readAll(p, VOCAB, ErrorPolicy.strict()));
    assertEquals(p.toString(), e.source());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("'durian'"), e.getMessage());
    assertTrue(e.getMessage().startsWith(p + ":2: "), e.getMessage());
  }

  @Test
  void lenientModeSkipsUnknownTokensAndBadLinesAndCountsThem() throws IOException {
    Path p = file("v.jsonl", """
        {"id": "a", "vector": {"apple": 1, "durian": 2}}
        {"id": "b", "vector": {"apple": 1
        {"id": "c", "vector": {"apple": -1}}
        {"id": "d", "vector": {"apple": "x"}}
        {"id": "e", "vector": {"apple": 1, "apple": 2}}
        {"vector": {"apple": 1}}
        {"id": "g"}
        {"id": "h", "vector": {"cherry": 4}} trailing
        ["not an object"]
        {"id": "j", "vector": {"cherry": 4}}
        """);
    ErrorPolicy lenient = ErrorPolicy.lenient();
    List<VectorRecord> records = readAll(p, VOCAB, lenient);
    assertEquals(List.of("a", "j"), records.stream().map(VectorRecord::id).toList());
    assertEquals(SparseVector.of(new int[] {1}, new float[] {1f}), records.get(0).vector());
    assertEquals(9, lenient.skipped());
    assertTrue(lenient.summary().contains(p + ":1: token 'durian' is not in the vocabulary (token skipped)"),
        lenient.summary());
    assertTrue(lenient.summary().contains(p + ":2: malformed JSON"), lenient.summary());
  }

  @Test
  void eachMalformedLineFailsStrictlyWithItsLineNumber() throws IOException {
    String[] bad = {
      "{\"id\": \"b\", \"vector\": {\"apple\": 1",
      "{\"id\": \"c\", \"vector\": {\"apple\": -1}}",
      "{\"id\": \"d\", \"vector\": {\"apple\": \"x\"}}",
      "{\"id\": \"e\", \"vector\": {\"apple\": 1, \"apple\": 2}}",
      "{\"vector\": {\"apple\": 1}}",
      "{\"id\": \"g\"}",
      "{\"id\": \"\", \"vector\": {}}",
      "{\"id\": [1], \"vector\": {}}",
      "{\"id\": \"v\", \"vector\": [1, 2]}",
      "{\"id\": \"h\", \"vector\": {\"cherry\": 1e50}}",
    };
    for (String line : bad) {
      Path p = file("bad.jsonl", "{\"id\": \"ok\", \"vector\": {}}\n" + line + "\n");
      InputFormatException e = assertThrows(InputFormatException.class,
          () -> readAll(p, VOCAB, ErrorPolicy.strict()), line);
      assertEquals(2, e.line(), line);
    }
  }

  @Test
  void writerRoundTripsEveryFloatInBothLayoutsPlainAndGzip() throws IOException {
    long seed = Long.getLong("lsr.test.seed", 2718L);
    System.out.println("writerRoundTrips seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    Vocabulary bert = Vocabulary.bertBaseUncased();
    List<VectorRecord> records = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      int n = random.nextInt(40);
      int[] ids = new int[n];
      float[] ws = new float[n];
      for (int i = 0; i < n; i++) {
        ids[i] = random.nextInt(bert.size());
        ws[i] = random.nextBoolean() ? 1 + random.nextInt(300) : Math.max(Float.MIN_VALUE, random.nextFloat() * 5);
      }
      String id = d % 3 == 0 ? Integer.toString(d) : "doc-" + d + (d % 5 == 0 ? " \"quoted\"\t" : "");
      records.add(new VectorRecord(id, SparseVector.fromUnsorted(ids, ws, SparseVector.Merge.MAX),
          d % 2 == 0 ? "text of " + d + " with \"quotes\" and\nnewline" : ""));
    }
    for (VectorJsonlLayout layout : VectorJsonlLayout.values()) {
      for (String name : new String[] {"out.jsonl", "out.jsonl.gz"}) {
        Path p = dir.resolve(layout + name);
        try (VectorJsonlWriter w = VectorJsonlWriter.create(p, layout, bert)) {
          for (VectorRecord r : records) {
            w.write(r);
          }
          assertEquals(records.size(), w.written());
        }
        assertEquals(records, readAll(p, bert, ErrorPolicy.strict()), layout + " " + name + " seed " + seed);
      }
    }
  }

  @Test
  void seismicLayoutWritesCanonicalIntegerIdsAsNumbers() throws IOException {
    Path p = dir.resolve("s.jsonl");
    try (VectorJsonlWriter w = VectorJsonlWriter.create(p, VectorJsonlLayout.SEISMIC, VOCAB)) {
      w.write(new VectorRecord("42", SparseVector.of(new int[] {1}, new float[] {2f}), "t"));
      w.write(new VectorRecord("042", SparseVector.of(new int[] {1}, new float[] {0.25f})));
    }
    assertEquals("""
        {"id":42,"content":"t","vector":{"apple":2}}
        {"id":"042","content":"","vector":{"apple":0.25}}
        """, Files.readString(p));
    Path a = dir.resolve("a.jsonl");
    try (VectorJsonlWriter w = VectorJsonlWriter.create(a, VectorJsonlLayout.ANSERINI, VOCAB)) {
      w.write(new VectorRecord("42", SparseVector.of(new int[] {1}, new float[] {2f}), "t"));
    }
    assertEquals("{\"id\":\"42\",\"contents\":\"t\",\"vector\":{\"apple\":2}}\n", Files.readString(a));
  }

  @Test
  void readsTheSeismicToyFixtureWhenSharedDataIsPresent() throws IOException {
    Path toy = SharedData.path("seismic-toy/toy_documents.jsonl");
    List<VectorRecord> docs = readAll(toy, Vocabulary.bertBaseUncased(), ErrorPolicy.strict());
    assertEquals(20, docs.size());
    assertEquals("0", docs.get(0).id());
    assertFalse(docs.get(0).text().isEmpty());
    assertEquals(168, docs.get(0).vector().size(), "every token of document 0 is in the vocabulary");
    assertEquals(215, docs.get(7).vector().size());
    assertTrue(docs.get(18).vector().isEmpty(), "document 18 of the fixture has an empty vector");
  }
}
