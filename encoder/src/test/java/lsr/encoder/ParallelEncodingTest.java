package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelEncodingTest {

  @Test
  void resultsArriveInInputOrderWhateverTheWorkersTake() {
    long seed = Long.getLong("lsr.test.seed", 17L);
    System.out.println("resultsArriveInInputOrder seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    Random random = new Random(seed);
    List<Integer> input = IntStream.range(0, 1000).boxed().toList();
    List<String> seen = new ArrayList<>();
    try (ParallelEncoding<String> pool = new ParallelEncoding<>(texts -> {
      sleep(random.nextInt(3)); // chunks finish out of order
      return texts.stream().map(t -> "v" + t).toList();
    }, 4, 7)) {
      long n = pool.run(input.iterator(), String::valueOf, (record, result) -> {
        assertEquals("v" + record, result, "seed " + seed);
        seen.add(result);
      });
      assertEquals(1000, n);
    }
    assertEquals(IntStream.range(0, 1000).mapToObj(i -> "v" + i).toList(), seen, "seed " + seed);
  }

  @Test
  void readsAheadAtMostTwoChunksPerThread() {
    AtomicInteger read = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    var input = IntStream.range(0, 500).peek(i -> read.incrementAndGet()).boxed().iterator();
    try (ParallelEncoding<String> pool = new ParallelEncoding<>(texts -> texts, 2, 10)) {
      pool.run(input, String::valueOf, (record, result) -> {
        delivered.incrementAndGet();
        maxAhead.accumulateAndGet(read.get() - delivered.get(), Math::max);
      });
    }
    assertTrue(maxAhead.get() <= 2 * 2 * 10, "read ahead " + maxAhead.get());
  }

  @Test
  void atOneTextPerRunTheWorkersShareEvenAShortInput() {
    Map<String, Integer> perThread = new ConcurrentHashMap<>();
    int chunk = ParallelEncoding.chunkSize(1);
    try (ParallelEncoding<String> pool = new ParallelEncoding<>(texts -> {
      assertTrue(texts.size() <= chunk, "a task of " + texts.size() + " texts");
      perThread.merge(Thread.currentThread().getName(), texts.size(), Integer::sum);
      sleep(5 * texts.size()); // one slow run per text
      return texts;
    }, 2, chunk)) {
      pool.run(IntStream.range(0, 64).boxed().iterator(), String::valueOf, (r, v) -> { });
    }
    assertEquals(2, perThread.size(), "workers used: " + perThread);
    perThread.forEach((thread, n) -> assertTrue(n >= 16, thread + " encoded only " + n + " of 64: " + perThread));
  }

  @Test
  void aFailureStopsTheRunAndReachesTheCaller() {
    List<Integer> delivered = new ArrayList<>();
    try (ParallelEncoding<String> pool = new ParallelEncoding<>(texts -> {
      if (texts.contains("50")) {
        throw new EncodingException("bad text", null);
      }
      return texts;
    }, 2, 10)) {
      EncodingException e = assertThrows(EncodingException.class, () ->
          pool.run(IntStream.range(0, 200).boxed().iterator(), String::valueOf, (r, v) -> delivered.add(r)));
      assertEquals("bad text", e.getMessage());
    }
    assertEquals(IntStream.range(0, 50).boxed().toList(), delivered, "everything before the failing chunk, nothing after");
  }

  private static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
