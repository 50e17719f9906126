package lsr.index.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lsr.data.Document;
import lsr.index.Hits;
import lsr.index.bm25.Bm25Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process ({@link CrashWriter}: adds, updates, deletes, background and forced
 * merges) with SIGKILL at 20 random moments. After every kill the collection must open at its last
 * commit, hold every write the process acknowledged (its commit returned), hold exactly the
 * documents that commit describes, and no id twice; then the writer is restarted and carries on.
 * The kill moments come from {@code -Dlsr.test.seed} (default below), printed in every message.
 */
class CrashSafetyProcessTest {

  private static final long SEED = Long.getLong("lsr.test.seed", 4242L);
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAtRandomMoments() throws Exception {
    Path folder = dir.resolve("c");
    Random random = new Random(SEED);
    long acknowledged = 0;
    long lastOpened = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      AtomicLong acked = new AtomicLong(acknowledged);
      Writer w = start(folder, acked);
      Process p = w.process();
      if (kill % 4 != 0) {
        // Most kills land in the work: after the first step this process acknowledges.
        long before = acked.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acked.get() == before && p.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      // Every fourth kill may land anywhere from the start: creating the collection, opening the writer.
      Thread.sleep(random.nextInt(kill % 4 == 0 ? 1500 : 700));
      assertTrue(p.isAlive(), "the writer died on its own; see target/crash-writer.log (seed " + SEED + ")");
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      w.output().join(10_000); // every ACK line the process printed is read
      acknowledged = acked.get();
      lastOpened = verify(folder, acknowledged, lastOpened, "kill " + kill + ", seed " + SEED);
    }
    assertTrue(acknowledged >= KILLS / 2, "the writer made progress: " + acknowledged + " steps");
    System.out.println("crash test: " + KILLS + " kills, " + acknowledged + " steps acknowledged, seed " + SEED);
  }

  /** Opens the collection and checks it against the steps; returns the step its commit records. */
  private static long verify(Path folder, long acknowledged, long before, String context) throws IOException {
    if (!CollectionFormat.isCollection(folder)) {
      assertEquals(0, acknowledged, context + ": no collection, yet steps were acknowledged");
      return 0;
    }
    try (Collection c = Collection.open(folder); Snapshot s = c.acquire()) {
      long step = c.commit().userData().path("step").asLong(0);
      assertTrue(step >= acknowledged, context + ": commit holds step " + step + " but step " + acknowledged
          + " was acknowledged");
      assertTrue(step <= acknowledged + 1, context + ": step " + step + " committed, " + acknowledged + " acknowledged");
      assertTrue(step >= before, context + ": went back from step " + before + " to " + step);
      Map<String, String> expected = CrashWriter.expected(SEED, step);
      assertEquals(expected.size(), s.documents(), context + ": live documents at step " + step);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < s.segments().size(); i++) {
        Segment segment = s.segments().get(i);
        for (int d = 0; d < segment.size(); d++) {
          if (!s.deleted(i).contains(d)) {
            Document doc = segment.document(d);
            assertTrue(seen.add(doc.id()), context + ": " + doc.id() + " is live twice");
            assertEquals(expected.get(doc.id()), doc.text(), context + ": " + doc.id());
          }
        }
      }
      assertEquals(expected.keySet(), seen, context);
      if (!expected.isEmpty()) {
        String some = expected.keySet().iterator().next();
        Hits hits = SnapshotSearch.bm25(s, expected.get(some), 10, Bm25Params.DEFAULTS, s.masks());
        assertTrue(hits.size() > 0 && expected.containsKey(s.id(hits.doc(0))), context + ": search answers");
      }
      return step;
    }
  }

  /** A writer process and the thread reading its output. */
  private record Writer(Process process, Thread output) {}

  /** Starts a writer process whose ACK lines raise {@code acked}. */
  private static Writer start(Path folder, AtomicLong acked) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), folder.toString(), Long.toString(SEED)));
    Process p = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target/crash-writer.log").toFile())).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("ACK ")) {
            acked.set(Long.parseLong(line.substring(4)));
          }
        }
      } catch (IOException e) {
        // the process was killed: its output ends here
      }
    }, "crash-writer-output");
    reader.setDaemon(true);
    reader.start();
    return new Writer(p, reader);
  }
}
