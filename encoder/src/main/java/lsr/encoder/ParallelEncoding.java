package lsr.encoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Encodes a stream of records on a fixed pool of worker threads and hands the results to a sink in
 * input order, on the calling thread. Records travel in chunks; at most {@code 2 x threads} chunks
 * are read ahead of the sink, so memory stays bounded however long the stream is, and the sink's
 * order lets an interrupted run be continued from the last record written.
 *
 * @param <R> what one text becomes
 */
public final class ParallelEncoding<R> implements AutoCloseable {

  private static final int RUNS_PER_CHUNK = 8;

  private final Function<List<String>, List<R>> encode;
  private final int chunkSize;
  private final int maxInFlight;
  private final ExecutorService pool;

  /**
   * @param encode encodes a list of texts (thread-safe: called from every worker at once)
   * @param threads worker threads
   * @param chunkSize records per task; within a task the encoder groups texts by length
   */
  public ParallelEncoding(Function<List<String>, List<R>> encode, int threads, int chunkSize) {
    if (threads < 1 || chunkSize < 1) {
      throw new IllegalArgumentException("threads and chunkSize must be >= 1, got " + threads + ", " + chunkSize);
    }
    this.encode = encode;
    this.chunkSize = chunkSize;
    this.maxInFlight = 2 * threads;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lsr-encode-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Records per task for an encoder that holds {@code textsPerRun} texts per ONNX run: eight runs, so
   * the encoder can group a task's texts by length, and no more, so the workers finish together (a
   * fixed 256 left one of two workers idle for a third of a 400-passage run at one text per run).
   */
  public static int chunkSize(int textsPerRun) {
    return RUNS_PER_CHUNK * textsPerRun;
  }

  private record Chunk<D, R>(List<D> records, Future<List<R>> results) {}

  /**
   * Encodes every remaining record of {@code input} and gives each (record, result) pair to
   * {@code sink} in input order.
   *
   * @return records encoded
   * @throws EncodingException when encoding fails; no later record reaches the sink
   */
  public <D> long run(Iterator<D> input, Function<D, String> text, BiConsumer<D, R> sink) {
    ArrayDeque<Chunk<D, R>> inFlight = new ArrayDeque<>();
    long done = 0;
    try {
      while (input.hasNext()) {
        List<D> records = new ArrayList<>(chunkSize);
        List<String> texts = new ArrayList<>(chunkSize);
        while (records.size() < chunkSize && input.hasNext()) {
          D d = input.next();
          records.add(d);
          texts.add(text.apply(d));
        }
        inFlight.add(new Chunk<>(records, pool.submit(() -> encode.apply(texts))));
        while (inFlight.size() >= maxInFlight) {
          done += deliver(inFlight.poll(), sink);
        }
      }
      while (!inFlight.isEmpty()) {
        done += deliver(inFlight.poll(), sink);
      }
      return done;
    } finally {
      for (Chunk<D, R> c : inFlight) {
        c.results().cancel(true);
      }
    }
  }

  private static <D, R> int deliver(Chunk<D, R> chunk, BiConsumer<D, R> sink) {
    List<R> results;
    try {
      results = chunk.results().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EncodingException("interrupted while encoding", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new EncodingException("encoding failed: " + cause, cause);
    }
    for (int i = 0; i < results.size(); i++) {
      sink.accept(chunk.records().get(i), results.get(i));
    }
    return results.size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
