package lsr.index.collection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import lsr.data.Document;
import lsr.data.FieldValue;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.TopK;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.fields.FieldFilter;
import lsr.index.seismic.PruningStrategy;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.ValueType;
import lsr.index.synth.SyntheticCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collection's contract: adds, updates and deletes are visible after a commit and only then,
 * ids stay unique (the newest wins), searches over segments equal exact search over the live
 * documents, merges keep results, old snapshots survive merges, one writer at a time.
 *
 * <p>Random data comes from a seed printed in every failure message; replay with
 * {@code -Dlsr.test.seed=<n>}.
 */
class CollectionTest {

  private static final long SEED = Long.getLong("lsr.test.seed", 20261204L);
  private static final int DIMENSION = 8;
  private static final String[] WORDS = ("search engine sparse vector index segment merge commit query document "
      + "posting block summary forward lucene seismic splade dense fusion rerank").split(" ");

  @TempDir Path dir;

  /** Lossless Seismic (no pruning, whole summaries, f32 weights): its top k is the exact top k. */
  static final SeismicConfig EXACT = SeismicConfig.DEFAULTS.withPruning(PruningStrategy.NONE).withSummaryEnergy(1.0)
      .withValueType(ValueType.F32);
  static final SearchParams EXHAUSTIVE = SearchParams.DEFAULTS.withQueryCut(10_000).withHeapFactor(1.0);

  static CollectionSettings settings(SeismicConfig seismic) {
    return new CollectionSettings(TextAnalyzer.ENGLISH,
        List.of(new CollectionSettings.SparseSpec("s", null, seismic)),
        List.of(new CollectionSettings.DenseSpec("d", null)), Map.of());
  }

  /** Documents with sparse and dense vectors, text and fields, drawn from {@code seed}. */
  static List<IndexedDocument> documents(int count, long seed, String idPrefix) {
    SyntheticCollection.Sampler sampler =
        new SyntheticCollection(new SyntheticCollection.Spec(count, 0, 10, 30522, seed)).newSampler();
    Random random = new Random(seed);
    List<IndexedDocument> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 5 + random.nextInt(20); w++) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      float[] dense = new float[DIMENSION];
      double norm = 0;
      for (int j = 0; j < DIMENSION; j++) {
        dense[j] = (float) random.nextGaussian();
        norm += dense[j] * dense[j];
      }
      for (int j = 0; j < DIMENSION; j++) {
        dense[j] /= (float) Math.sqrt(norm);
      }
      Map<String, FieldValue> fields = Map.of("year", new FieldValue.Number(1990 + random.nextInt(30)),
          "lang", new FieldValue.Text(random.nextBoolean() ? "en" : "fr"));
      Document d = new Document(idPrefix + i, "title " + i, text.toString().strip(), fields);
      docs.add(new IndexedDocument(d, Map.of("s", sampler.document(i)), Map.of("d", dense)));
    }
    return docs;
  }

  static List<SparseVector> queries(int count, long seed) {
    SyntheticCollection.Sampler sampler =
        new SyntheticCollection(new SyntheticCollection.Spec(0, count, 10, 30522, seed)).newSampler();
    List<SparseVector> q = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      q.add(sampler.query(i));
    }
    return q;
  }

  /** The exact sparse top k over {@code live} (id → document), as global numbers of the snapshot. */
  private static Hits exactSparse(Snapshot s, Map<String, IndexedDocument> live, SparseVector q, int k) {
    TopK top = new TopK(k);
    for (IndexedDocument d : live.values()) {
      float score = dot(q, d.sparse().get("s"));
      if (score > 0) {
        top.offer(s.find(d.id()), score);
      }
    }
    return top.toHits(lsr.index.SearchCost.NONE);
  }

  private static float dot(SparseVector a, SparseVector b) {
    float sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += a.weight(i) * b.get(a.termId(i));
    }
    return sum;
  }

  private void assertSparseExact(Collection c, Map<String, IndexedDocument> live, String context) {
    try (Snapshot s = c.acquire()) {
      assertEquals(live.size(), s.documents(), context);
      for (SparseVector q : queries(20, SEED + 7)) {
        Hits expected = exactSparse(s, live, q, 10);
        Hits actual = SnapshotSearch.sparse(s, "s", q, 10, EXHAUSTIVE, s.masks());
        assertArrayEquals(expected.docs(), actual.docs(), context + ", seed " + SEED);
        for (int i = 0; i < expected.size(); i++) {
          assertEquals(expected.score(i), actual.score(i), 1e-4f * expected.score(i), context + ", seed " + SEED);
        }
      }
    }
  }

  @Test
  void addsUpdatesAndDeletesAreSearchableAfterTheirCommitOnly() throws IOException {
    Path folder = dir.resolve("books");
    Map<String, IndexedDocument> live = new LinkedHashMap<>();
    try (Collection c = Collection.create(folder, settings(EXACT), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS.withBackgroundMerges(false))) {
      for (int batch = 0; batch < 4; batch++) {
        for (IndexedDocument d : documents(50, SEED + batch, "b" + batch + "-")) {
          assertEquals(CollectionWriter.Outcome.CREATED, w.add(d));
          live.put(d.id(), d);
        }
        assertEquals(batch + 1, w.commit(null) - 1, "one generation per commit");
      }
      assertEquals(4, c.commit().segments().size());
      assertSparseExact(c, live, "4 segments");

      // Updates: the same ids with new vectors replace the old ones; deletes remove.
      List<IndexedDocument> updates = documents(30, SEED + 99, "b1-");
      for (IndexedDocument d : updates) {
        assertEquals(CollectionWriter.Outcome.UPDATED, w.add(d));
      }
      assertTrue(w.delete("b2-7"));
      assertFalse(w.delete("no-such-id"));
      // Not visible before the commit.
      assertSparseExact(c, live, "before commit");
      w.commit(null);
      updates.forEach(d -> live.put(d.id(), d));
      live.remove("b2-7");
      assertSparseExact(c, live, "after updates and a delete");
      try (Snapshot s = c.acquire()) {
        assertNull(s.document("b2-7"));
        assertEquals(updates.get(3).document(), s.document("b1-3"));
        assertEquals(-1, s.find("no-such-id"));
      }
    }
    // Reopened: the last commit, whole.
    try (Collection c = Collection.open(folder)) {
      assertSparseExact(c, live, "reopened");
    }
  }

  @Test
  void uncommittedChangesAreDroppedWhenTheWriterCloses() throws IOException {
    Path folder = dir.resolve("c");
    try (Collection c = Collection.create(folder, settings(EXACT), null)) {
      try (CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
        documents(20, SEED, "a").forEach(d -> add(w, d));
        w.commit(null);
        documents(20, SEED + 1, "b").forEach(d -> add(w, d));
        w.delete("a3");
      }
      assertEquals(20, c.commit().documents());
    }
    try (Collection c = Collection.open(folder); Snapshot s = c.acquire()) {
      assertEquals(20, s.documents());
      assertTrue(s.find("a3") >= 0);
      assertEquals(-1, s.find("b0"));
    }
    assertEquals(List.of("commit-2.lsr", "seg-1", "write.lock"), list(folder), "uncommitted segment files are gone");
  }

  @Test
  void aMergedCollectionEqualsAFreshBuildOfTheSameDocuments() throws IOException {
    SeismicConfig approximate = SeismicConfig.DEFAULTS;
    Map<String, IndexedDocument> live = new LinkedHashMap<>();
    Path merged = dir.resolve("merged");
    try (Collection c = Collection.create(merged, settings(approximate), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS.withBackgroundMerges(false))) {
      // Batches of 300 make flat segments; merged (about 2,950 documents) they are blocked.
      for (int batch = 0; batch < 10; batch++) {
        for (IndexedDocument d : documents(300, SEED + batch, "b" + batch + "-")) {
          w.add(d);
          live.put(d.id(), d);
        }
        w.commit(null);
      }
      for (int i = 0; i < 300; i += 7) {
        String id = "b" + (i % 10) + "-" + i / 10;
        w.delete(id);
        live.remove(id);
      }
      w.commit(null);
      w.forceMerge(1);
      assertEquals(1, c.commit().segments().size());
      assertEquals(0, c.commit().segments().get(0).deleted(), "a merge to one segment drops deleted documents");
      assertTrue(c.commit().segments().get(0).documents() > CollectionFormat.FLAT_SEGMENT_DOCS, "blocked lists");
    }
    Path fresh = dir.resolve("fresh");
    try (Collection c = Collection.create(fresh, settings(approximate), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
      w.addAll(live.values().iterator(), false);
      w.commit(null);
    }
    try (Collection a = Collection.open(merged); Collection b = Collection.open(fresh);
        Snapshot sa = a.acquire(); Snapshot sb = b.acquire()) {
      for (SparseVector q : queries(50, SEED + 3)) {
        Hits ha = SnapshotSearch.sparse(sa, "s", q, 10, SearchParams.DEFAULTS, sa.masks());
        Hits hb = SnapshotSearch.sparse(sb, "s", q, 10, SearchParams.DEFAULTS, sb.masks());
        assertArrayEquals(hb.docs(), ha.docs(), "seed " + SEED);
        assertArrayEquals(hb.scores(), ha.scores(), "seed " + SEED);
        Hits bm25a = SnapshotSearch.bm25(sa, "sparse merge query", 10, Bm25Params.DEFAULTS, sa.masks());
        Hits bm25b = SnapshotSearch.bm25(sb, "sparse merge query", 10, Bm25Params.DEFAULTS, sb.masks());
        assertArrayEquals(bm25b.docs(), bm25a.docs());
      }
      String segA = sa.segments().get(0).name();
      String segB = sb.segments().get(0).name();
      for (String f : List.of("postings.lsr", "summaries.lsr", "doc-terms.lsr", "doc-values.lsr")) {
        assertArrayEquals(Files.readAllBytes(merged.resolve(segA).resolve("sparse-s").resolve(f)),
            Files.readAllBytes(fresh.resolve(segB).resolve("sparse-s").resolve(f)), f);
      }
    }
  }

  @Test
  void aSnapshotKeepsItsViewWhileAMergeReplacesItsSegments() throws IOException {
    Path folder = dir.resolve("c");
    Map<String, IndexedDocument> live = new LinkedHashMap<>();
    try (Collection c = Collection.create(folder, settings(EXACT), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS.withBackgroundMerges(false))) {
      for (int batch = 0; batch < 3; batch++) {
        for (IndexedDocument d : documents(40, SEED + batch, "b" + batch + "-")) {
          w.add(d);
          live.put(d.id(), d);
        }
        w.commit(null);
      }
      Snapshot old = c.acquire();
      try {
        w.delete("b0-1");
        w.forceMerge(1);
        w.commit(null);
        assertEquals(1, c.commit().segments().size());
        assertFalse(Files.exists(folder.resolve(old.segments().get(0).name())), "merged-away segment deleted");
        // The old snapshot still answers from its (deleted but mapped) files, as of its commit.
        assertEquals(120, old.documents());
        assertTrue(old.find("b0-1") >= 0);
        SparseVector q = queries(1, SEED).get(0);
        Hits expected = exactSparse(old, live, q, 10);
        assertArrayEquals(expected.docs(), SnapshotSearch.sparse(old, "s", q, 10, EXHAUSTIVE, old.masks()).docs());
      } finally {
        old.close();
      }
      live.remove("b0-1");
      assertSparseExact(c, live, "after the merge");
    }
  }

  @Test
  void deletionsMadeDuringABackgroundMergeCarryOver() throws IOException {
    Path folder = dir.resolve("c");
    Map<String, IndexedDocument> live = new LinkedHashMap<>();
    MergePolicy eager = new MergePolicy(2, 1000, 5_000_000, 0.5);
    CollectionWriter.Options options = new CollectionWriter.Options(1, 1000, eager, true);
    try (Collection c = Collection.create(folder, settings(EXACT), null);
        CollectionWriter w = c.writer("test", options)) {
      for (int batch = 0; batch < 12; batch++) {
        for (IndexedDocument d : documents(100, SEED + batch, "b" + batch + "-")) {
          w.add(d);
          live.put(d.id(), d);
        }
        w.commit(null);
        // Delete from the oldest batches while merges of them run.
        String id = "b" + batch / 2 + "-" + batch;
        assertTrue(w.delete(id), id);
        live.remove(id);
        w.commit(null);
      }
      w.forceMerge(1);
      assertTrue(w.mergeFailure() == null, () -> String.valueOf(w.mergeFailure()));
      assertSparseExact(c, live, "after background merges");
    }
  }

  @Test
  void filtersByIdsAndFieldsApplyInEverySegment() throws IOException {
    Map<String, IndexedDocument> live = new LinkedHashMap<>();
    try (Collection c = Collection.create(dir.resolve("c"), settings(EXACT), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS.withBackgroundMerges(false))) {
      for (int batch = 0; batch < 3; batch++) {
        for (IndexedDocument d : documents(60, SEED + batch, "b" + batch + "-")) {
          w.add(d);
          live.put(d.id(), d);
        }
        w.commit(null);
      }
      FieldFilter where = FieldFilter.parse(new ObjectMapper().readTree("{\"lang\": \"en\", \"year\": {\"gte\": 2000}}"));
      try (Snapshot s = c.acquire()) {
        List<DocMask> masks = s.masks(Set.of("b0-1", "b1-2", "b2-3", "b2-4", "missing"), where);
        Hits all = SnapshotSearch.dense(s, "d", (float[]) live.get("b0-1").dense().get("d"), 1000, s.masks());
        Hits filtered = SnapshotSearch.dense(s, "d", (float[]) live.get("b0-1").dense().get("d"), 1000, masks);
        List<Integer> expected = new ArrayList<>();
        for (int doc : all.docs()) {
          Document d = s.document(doc);
          boolean ok = Set.of("b0-1", "b1-2", "b2-3", "b2-4").contains(d.id())
              && d.fields().get("lang").equals(new FieldValue.Text("en"))
              && ((FieldValue.Number) d.fields().get("year")).value() >= 2000;
          if (ok) {
            expected.add(doc);
          }
        }
        assertEquals(expected, java.util.Arrays.stream(filtered.docs()).boxed().toList(), "seed " + SEED);
      }
    }
  }

  @Test
  void oneWriterAtATimeAndTheSecondIsToldWhoHoldsTheLock() throws IOException {
    Path folder = dir.resolve("c");
    try (Collection c = Collection.create(folder, settings(EXACT), null);
        CollectionWriter w = c.writer("lsr index (test)", CollectionWriter.Options.DEFAULTS);
        Collection other = Collection.open(folder)) {
      CollectionLockedException e = assertThrows(CollectionLockedException.class,
          () -> other.writer("second", CollectionWriter.Options.DEFAULTS));
      assertTrue(e.getMessage().contains("lsr index (test)") && e.getMessage().contains("pid "), e.getMessage());
    }
  }

  @Test
  void aWriterCleansWhatNoCommitReferencesAndReadersPickUpOtherProcessesCommits() throws IOException {
    Path folder = dir.resolve("c");
    try (Collection c = Collection.create(folder, settings(EXACT), null)) {
      try (CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
        documents(10, SEED, "a").forEach(d -> add(w, d));
        w.commit(null);
      }
      // What a killed writer leaves: an unfinished commit point and a segment no commit names.
      Files.writeString(folder.resolve("commit-3.lsr.tmp"), "torn");
      Files.createDirectories(folder.resolve("seg-9"));
      Files.writeString(folder.resolve("seg-9/ids.lsr"), "partial");
      try (Collection reader = Collection.open(folder)) {
        assertEquals(10, reader.commit().documents(), "a torn commit point is not a commit");
        try (CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
          assertEquals(List.of("commit-2.lsr", "seg-1", "write.lock"), list(folder));
          documents(5, SEED + 1, "b").forEach(d -> add(w, d));
          w.commit(null);
        }
        assertTrue(reader.refresh());
        assertEquals(15, reader.commit().documents());
      }
    }
  }

  @Test
  void aDamagedOrForeignFileIsNamedAtOpenAndByTheCheck() throws IOException {
    Path folder = dir.resolve("c");
    try (Collection c = Collection.create(folder, settings(EXACT), null);
        CollectionWriter w = c.writer("test", CollectionWriter.Options.DEFAULTS)) {
      documents(30, SEED, "a").forEach(d -> add(w, d));
      w.commit(null);
    }
    assertEquals(List.of(), CollectionCheck.problems(folder));
    Path docs = folder.resolve("seg-1/docs.lsr");
    byte[] bytes = Files.readAllBytes(docs);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(docs, bytes);
    List<String> problems = CollectionCheck.problems(folder);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("docs.lsr") && problems.get(0).contains("checksum"), problems.get(0));

    Files.writeString(folder.resolve("seg-1/extra.txt"), "x");
    IOException e = assertThrows(IOException.class, () -> Collection.open(folder));
    assertTrue(e.getMessage().contains("extra.txt"), e.getMessage());
    Files.delete(folder.resolve("seg-1/extra.txt"));
    Files.delete(folder.resolve("seg-1/ids.lsr"));
    e = assertThrows(IOException.class, () -> Collection.open(folder));
    assertTrue(e.getMessage().contains("ids.lsr") && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void anEarlierLayoutOrAnEmptyFolderIsExplained() throws IOException {
    Path old = Files.createDirectories(dir.resolve("old"));
    Files.writeString(old.resolve("lsr-index.json"), "{}");
    IOException e = assertThrows(IOException.class, () -> Collection.open(old));
    assertTrue(e.getMessage().contains("earlier lsr") && e.getMessage().contains("lsr index"), e.getMessage());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    e = assertThrows(IOException.class, () -> Collection.open(empty));
    assertTrue(e.getMessage().contains("no collection here"), e.getMessage());
  }

  private static void add(CollectionWriter w, IndexedDocument d) {
    try {
      w.add(d);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
