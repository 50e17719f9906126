package lsr.index.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.seismic.SeismicConfig;

/**
 * A writer process for {@link CrashSafetyProcessTest}: from the step its collection's last commit
 * records, it applies step after step (adds, updates and deletes drawn from the seed and the step
 * number, a forced merge every so often, background merges between), commits each step and prints
 * {@code ACK <step>} once the commit returned. It runs until killed.
 */
public final class CrashWriter {

  /** Ids are drawn from this pool, so adds often replace and deletes often hit. */
  static final int IDS = 300;

  private CrashWriter() {}

  /** What one step does: documents added (id → text), then ids deleted. */
  record Step(Map<String, String> adds, List<String> deletes) {}

  static Step step(long seed, long step) {
    Random r = new Random(seed * 1_000_003L + step);
    Map<String, String> adds = new LinkedHashMap<>();
    for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
      String id = "d" + r.nextInt(IDS);
      adds.put(id, "version " + step + " of " + id + " holds word" + r.nextInt(50));
    }
    List<String> deletes = new ArrayList<>();
    for (int i = 0, n = r.nextInt(6); i < n; i++) {
      deletes.add("d" + r.nextInt(IDS));
    }
    return new Step(adds, deletes);
  }

  /** The live documents (id → text) after steps 1 .. {@code last}. */
  static Map<String, String> expected(long seed, long last) {
    Map<String, String> live = new LinkedHashMap<>();
    for (long s = 1; s <= last; s++) {
      Step step = step(seed, s);
      live.putAll(step.adds());
      step.deletes().forEach(live::remove);
    }
    return live;
  }

  static CollectionSettings settings() {
    return new CollectionSettings(TextAnalyzer.ENGLISH,
        List.of(new CollectionSettings.SparseSpec("s", null, SeismicConfig.DEFAULTS)), List.of(), Map.of());
  }

  static SparseVector vector(String text) {
    int h = text.hashCode();
    return SparseVector.fromUnsorted(new int[] {1000 + Math.floorMod(h, 500), 2000 + Math.floorMod(h >> 8, 500)},
        new float[] {1.5f, 0.5f}, SparseVector.Merge.MAX);
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    if (!Files.isDirectory(folder) || !CollectionFormat.isCollection(folder)) {
      Collection.create(folder, settings(), null).close();
    }
    CollectionWriter.Options options = new CollectionWriter.Options(1, 1000, new MergePolicy(3, 10, 5_000_000, 0.3), true);
    try (Collection c = Collection.open(folder); CollectionWriter w = c.writer("crash writer", options)) {
      long step = w.lastCommit().userData().path("step").asLong(0);
      ObjectMapper json = new ObjectMapper();
      while (true) {
        step++;
        Step s = step(seed, step);
        for (Map.Entry<String, String> add : s.adds().entrySet()) {
          w.add(new IndexedDocument(new Document(add.getKey(), "", add.getValue()),
              Map.of("s", vector(add.getValue())), Map.of()));
        }
        for (String id : s.deletes()) {
          w.delete(id);
        }
        ObjectNode userData = json.createObjectNode();
        userData.put("step", step);
        w.commit(userData);
        System.out.println("ACK " + step);
        System.out.flush();
        if (step % 25 == 0) {
          w.forceMerge(1);
        }
      }
    }
  }
}
