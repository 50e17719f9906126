package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lsr.data.BeirDatasetWriter;
import lsr.data.Document;
import lsr.data.Judgment;
import lsr.data.Query;
import lsr.query.ltr.LtrModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eval with the dense, hybrid and cross-validated hybrid-ltr retrievers, and train-ltr, on a small
 * dataset with the real bge-small bi-encoder. The corpus is encoded once into a shared cache.
 */
class PipelineCommandsTest {

  @TempDir static Path dir;
  static Path dataset;
  static Path cache;

  @BeforeAll
  static void smallDataset() throws IOException {
    dataset = dir.resolve("small");
    cache = dir.resolve("cache");
    String[][] docs = {
        {"Wing flutter", "flutter of a swept wing at high speed"},
        {"Boundary layers", "laminar boundary layer on a flat plate"},
        {"Heat transfer", "heat transfer in a hypersonic boundary layer"},
        {"Shock waves", "oblique shock waves over a wedge in supersonic flow"},
        {"Buckling", "buckling of thin cylindrical shells under axial compression"},
        {"Rotor noise", "noise radiated by helicopter rotor blades"},
        {"Jet mixing", "turbulent mixing of a round jet with still air"},
        {"Panel vibration", "vibration of flat panels excited by turbulent flow"}};
    String[] queries = {"wing flutter", "boundary layer heat", "shock wave wedge", "shell buckling",
        "rotor blade noise", "jet turbulence mixing", "panel vibrations"};
    try (BeirDatasetWriter w = BeirDatasetWriter.create(dataset, "test")) {
      for (int d = 0; d < docs.length; d++) {
        w.write(new Document("d" + d, docs[d][0], docs[d][1]));
      }
      for (int q = 0; q < queries.length; q++) {
        w.write(new Query("q" + q, queries[q]));
      }
      int[][] judged = {{0}, {2, 1}, {3}, {4}, {5}, {6}, {7, 0}};
      for (int q = 0; q < judged.length; q++) {
        for (int i = 0; i < judged[q].length; i++) {
          w.write(new Judgment("q" + q, "d" + judged[q][i], i == 0 ? 2 : 1));
        }
      }
    }
  }

  @Test
  void evalsDenseHybridAndCrossValidatedLtrInOneTableAgainstBm25() {
    CliRun r = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "dense,hybrid,hybrid-ltr",
        "--cache", cache.toString(), "--folds", "3", "--rounds", "20", "--json", dir.resolve("r.json").toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String name : List.of("bm25", "dense", "hybrid", "hybrid-ltr")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("small") && l.contains(" " + name + " ")),
          name + " row in\n" + r.out());
    }
    assertTrue(r.out().contains("significantly above/below bm25"), r.out());
    assertTrue(Files.exists(dir.resolve("r.hybrid-ltr.json")) && Files.exists(dir.resolve("r.dense.json")));
    assertTrue(!Files.exists(dir.resolve("r.bm25.json")), "the implicit baseline writes no file");
    assertTrue(lsr.index.collection.CollectionFormat.isCollection(cache.resolve("small/dense-bge-small-en-v1.5")),
        "dense collection cached");
  }

  @Test
  void trainLtrCrossValidatesThenSavesAModelTheEvalCanUse() throws IOException {
    Path model = dir.resolve("ltr.json");
    CliRun r = CliRun.of("train-ltr", "--dataset", dataset.toString(), "--out", model.toString(),
        "--cache", cache.toString(), "--folds", "3", "--rounds", "20");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("small") && l.contains(" 7 ")), r.out());
    LtrModel loaded = LtrModel.load(model);
    assertEquals(20, loaded.treeCount());
    assertTrue(loaded.features().contains("bm25.score") && loaded.features().contains("dense.rank"), loaded.features().toString());

    CliRun eval = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "hybrid-ltr",
        "--cache", cache.toString(), "--ltr-model", model.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    CliRun mismatch = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "hybrid-ltr",
        "--cache", cache.toString(), "--ltr-model", model.toString(), "--hybrid", "dense,bm25");
    assertEquals(2, mismatch.exitCode(), "a model for other stages is a usage error: " + mismatch.err());
  }

  @Test
  void usageErrors() {
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "hybrid", "--fusion", "borda").exitCode());
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "hybrid", "--weights", "bm25=1").exitCode());
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "hybrid-ltr", "--folds", "1").exitCode());
    assertEquals(2, CliRun.of("train-ltr", "--dataset", dataset.toString()).exitCode(), "missing --out");
    assertEquals(2, CliRun.of("serve", "--index", dir.toString(), "--port", "-1").exitCode());
    CliRun nothing = CliRun.of("serve", "--index", dir.resolve("none").toString());
    assertEquals(1, nothing.exitCode());
  }
}
