package lsr.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs a fixed number of workers on a pool and waits for all, rethrowing the first failure. */
public final class Workers {

  private Workers() {}

  /**
   * Runs {@code worker.accept(w)} for {@code w = 0 .. count-1} on {@code pool} and returns when all
   * are done. A worker's unchecked exception is rethrown as is; interruption becomes an
   * {@link IllegalStateException} with the interrupt flag restored.
   */
  public static void run(ExecutorService pool, int count, IntConsumer worker) {
    List<Future<?>> futures = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      int id = w;
      futures.add(pool.submit(() -> worker.accept(id)));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for workers", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
