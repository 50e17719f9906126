package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsr.data.SparseVector;
import lsr.index.Hits;
import lsr.index.VectorCollection;
import lsr.index.store.CorruptIndexException;
import lsr.index.store.IndexFile;
import lsr.index.synth.SyntheticCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index folder on disk: round trip, and refusal of damaged files. */
class SeismicFormatTest {

  @TempDir static Path built;
  static VectorCollection docs;
  static List<SparseVector> queries = new ArrayList<>();

  @BeforeAll
  static void buildOnce() throws IOException {
    long seed = Long.getLong("lsr.test.seed", 3L);
    System.out.println("SeismicFormatTest collection seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    SyntheticCollection synth = new SyntheticCollection(new SyntheticCollection.Spec(500, 10, 10, 30522, seed));
    SyntheticCollection.Sampler s = synth.newSampler();
    VectorCollection.Builder b = VectorCollection.builder();
    for (int i = 0; i < 500; i++) {
      b.add("d" + i + "-é", s.document(i));
    }
    docs = b.build();
    for (int i = 0; i < 10; i++) {
      queries.add(s.query(i));
    }
    SeismicIndexBuilder.build(built, docs, SeismicConfig.DEFAULTS.withValueType(ValueType.F32), 2).close();
  }

  @Test
  void reopenedIndexHoldsTheSameDocumentsIdsAndAnswers(@TempDir Path copy) throws IOException {
    copyIndex(copy);
    List<Hits> first = new ArrayList<>();
    try (SeismicIndex index = SeismicIndex.open(copy)) {
      assertEquals(500, index.size());
      for (int d = 0; d < docs.size(); d++) {
        assertEquals(docs.vector(d), index.document(d), "document " + d);
        assertEquals(docs.id(d), index.externalId(d));
      }
      assertEquals(SeismicConfig.DEFAULTS.withValueType(ValueType.F32), index.config());
      for (SparseVector q : queries) {
        first.add(index.newSearcher().search(q, 10));
      }
    }
    try (SeismicIndex index = SeismicIndex.open(copy, IndexFile.Verify.STRUCTURE)) {
      for (int q = 0; q < queries.size(); q++) {
        Hits again = index.newSearcher().search(queries.get(q), 10);
        assertArrayEquals(first.get(q).docs(), again.docs());
        assertArrayEquals(first.get(q).scores(), again.scores());
      }
    }
  }

  /**
   * Reads postings.lsr and summaries.lsr by the grammar: every list's summaries match its blocks,
   * hold ascending components, and bound every document of their block on each component they keep.
   */
  @Test
  void summariesFollowTheGrammarAndBoundTheirBlocks() throws IOException {
    try (SeismicIndex index = SeismicIndex.open(built)) {
      long summaryEntries = 0;
      for (int term = 0; term < index.dimension; term++) {
        int blocks = index.blockCount(term);
        long record = index.summaryStart(term);
        if (blocks == 0) {
          assertEquals(record, index.summaryStart(term + 1), "term " + term + " has summaries but no postings");
          continue;
        }
        MemorySegment summ = index.summaries;
        assertEquals(blocks, summ.get(SeismicFormat.I32, record), "term " + term);
        int entries = summ.get(SeismicFormat.I32, record + 4);
        long startsAt = record + 8 + 8L * blocks;
        long componentsAt = startsAt + 4L * (blocks + 1);
        long codesAt = componentsAt + 2L * entries;
        assertEquals(0, summ.get(SeismicFormat.I32, startsAt));
        assertEquals(entries, summ.get(SeismicFormat.I32, startsAt + 4L * blocks));
        long postingRecord = index.postingStart(term);
        long docIdsAt = postingRecord + 8 + 4L * (blocks + 1);
        for (int b = 0; b < blocks; b++) {
          float min = summ.get(SeismicFormat.F32, record + 8 + 4L * b);
          float step = summ.get(SeismicFormat.F32, record + 8 + 4L * (blocks + b));
          int from = summ.get(SeismicFormat.I32, startsAt + 4L * b);
          int to = summ.get(SeismicFormat.I32, startsAt + 4L * (b + 1));
          assertTrue(from < to, "term " + term + " block " + b + " has an empty summary");
          int docsFrom = index.postings.get(SeismicFormat.I32, postingRecord + 8 + 4L * b);
          int docsTo = index.postings.get(SeismicFormat.I32, postingRecord + 8 + 4L * (b + 1));
          int previous = -1;
          for (int i = from; i < to; i++) {
            int component = Short.toUnsignedInt(summ.get(SeismicFormat.U16, componentsAt + 2L * i));
            assertTrue(component > previous, "components ascending, term " + term + " block " + b);
            previous = component;
            float weight = min + Byte.toUnsignedInt(summ.get(ValueLayout.JAVA_BYTE, codesAt + i)) * step;
            for (int p = docsFrom; p < docsTo; p++) {
              int doc = index.postings.get(SeismicFormat.I32, docIdsAt + 4L * p);
              SparseVector v = docs.vector(doc);
              int at = Arrays.binarySearch(v.termIds(), component);
              if (at >= 0) {
                assertTrue(weight >= v.weight(at), "term " + term + " block " + b + " component " + component);
              }
            }
          }
        }
        summaryEntries += entries;
      }
      assertEquals(Long.parseLong(index.meta().get("summaryEntries")), summaryEntries);
    }
  }

  @Test
  void f16IndexStoresHalfPrecisionWeights(@TempDir Path dir) throws IOException {
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, docs, SeismicConfig.DEFAULTS, 1)) {
      SparseVector stored = index.document(3);
      SparseVector original = docs.vector(3);
      assertArrayEquals(original.termIds(), stored.termIds());
      for (int i = 0; i < original.size(); i++) {
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(original.weight(i))), stored.weight(i));
      }
      assertTrue(Files.size(dir.resolve(SeismicFormat.DOC_VALUES)) < 2L * docs.entries() + 64);
    }
  }

  @Test
  void everyFlippedFileIsRefusedByItsChecksum(@TempDir Path copy) throws IOException {
    for (String file : SeismicFormat.FILES) {
      copyIndex(copy);
      Path target = copy.resolve(file);
      long size = Files.size(target);
      flipByte(target, 16 + (size - 32) / 2);
      CorruptIndexException e = assertThrows(CorruptIndexException.class, () -> SeismicIndex.open(copy), file);
      assertTrue(e.getMessage().contains(file) && e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @Test
  void truncatedFilesAreRefusedEvenWithoutChecksums(@TempDir Path copy) throws IOException {
    for (String file : SeismicFormat.FILES) {
      copyIndex(copy);
      Path target = copy.resolve(file);
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() - 10);
      }
      CorruptIndexException e =
          assertThrows(CorruptIndexException.class, () -> SeismicIndex.open(copy, IndexFile.Verify.STRUCTURE), file);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void aFileInTheWrongPlaceOrMissingIsRefused(@TempDir Path copy) throws IOException {
    copyIndex(copy);
    Files.copy(copy.resolve(SeismicFormat.DOC_TERMS), copy.resolve(SeismicFormat.DOC_VALUES), StandardCopyOption.REPLACE_EXISTING);
    CorruptIndexException wrong = assertThrows(CorruptIndexException.class, () -> SeismicIndex.open(copy));
    assertTrue(wrong.getMessage().contains("'DTRM'"), wrong.getMessage());

    copyIndex(copy);
    Files.delete(copy.resolve(SeismicFormat.POSTINGS));
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> SeismicIndex.open(copy));
    assertTrue(missing.getMessage().contains(SeismicFormat.POSTINGS), missing.getMessage());

    copyIndex(copy);
    Files.write(copy.resolve(SeismicFormat.SUMMARIES), new byte[100]);
    CorruptIndexException garbage = assertThrows(CorruptIndexException.class, () -> SeismicIndex.open(copy));
    assertTrue(garbage.getMessage().contains("not an lsr index file"), garbage.getMessage());
  }

  @Test
  void badDocumentsAreRefusedWithTheirId(@TempDir Path dir) throws IOException {
    try (SeismicIndexBuilder b = new SeismicIndexBuilder(dir, SeismicConfig.DEFAULTS, 1)) {
      IllegalArgumentException big =
          assertThrows(IllegalArgumentException.class, () -> b.add("huge", SparseVector.of(new int[] {3}, new float[] {70000f})));
      assertTrue(big.getMessage().contains("huge") && big.getMessage().contains("f32"), big.getMessage());
      IllegalArgumentException term =
          assertThrows(IllegalArgumentException.class, () -> b.add("wide", SparseVector.of(new int[] {70000}, new float[] {1f})));
      assertTrue(term.getMessage().contains("wide") && term.getMessage().contains("65535"), term.getMessage());
    }
  }

  @Test
  void anEmptyCollectionMakesAnIndexThatFindsNothing(@TempDir Path dir) throws IOException {
    try (SeismicIndex index = SeismicIndexBuilder.build(dir, VectorCollection.builder().build(), SeismicConfig.DEFAULTS, 1)) {
      assertEquals(0, index.size());
      assertEquals(0, index.newSearcher().search(queries.get(0), 10).size());
    }
    try (SeismicIndex reopened = SeismicIndex.open(dir)) {
      assertEquals(0, reopened.size());
    }
  }

  private static void copyIndex(Path to) throws IOException {
    for (String f : SeismicFormat.FILES) {
      Files.copy(built.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      ch.write(one, at);
    }
  }
}
