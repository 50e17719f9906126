package lsr.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lsr.data.Query;
import lsr.data.Run;
import lsr.data.ScoredDoc;
import lsr.query.Retriever;

/** Runs a retriever over a list of queries, on several threads, into a {@link Run}. */
public final class Retrieval {

  private Retrieval() {}

  /**
   * The top {@code hits} documents of every query, in query order.
   *
   * @param threads how many queries to answer at once (retrievers are thread-safe)
   */
  public static Run run(Retriever retriever, List<Query> queries, int hits, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    List<List<ScoredDoc>> results = new ArrayList<>(queries.size());
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<ScoredDoc>>> pending = new ArrayList<>(queries.size());
      for (Query q : queries) {
        pending.add(pool.submit(() -> retriever.search(q.text(), hits)));
      }
      for (Future<List<ScoredDoc>> f : pending) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrieving", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
    Run.Builder run = new Run.Builder();
    for (int i = 0; i < queries.size(); i++) {
      run.put(queries.get(i).id(), results.get(i));
    }
    return run.build();
  }
}
