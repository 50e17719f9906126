package lsr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.Writer;
import lsr.data.BeirDataset;
import lsr.data.ErrorPolicy;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.PipelineRetriever;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BM25 (k1 = 0.9, b = 0.4, default analyzer) on the classic collections in ../shared/data, as lsr eval
 * builds it (a collection of one segment in its cache), skipped
 * when absent. The floors: cranfield nDCG@10 0.32 and MAP 0.26; med, adi and cacm the reference BM25
 * figures of ../shared/data/SOURCES.md less 0.02. The last two columns are what this implementation
 * measured when the test was written, kept to 1e-4 so that any change of ranking shows up.
 */
class ClassicCollectionsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // collection, floor nDCG@10, floor MAP, measured nDCG@10, measured MAP
    "cranfield, 0.320, 0.260, 0.350961, 0.287886",
    "med,       0.652, 0.473, 0.665135, 0.511726",
    "adi,       0.408, 0.329, 0.474699, 0.401628",
    "cacm,      0.395, 0.269, 0.480847, 0.347976",
  })
  void bm25ReachesTheReferenceFigures(String name, double floorNdcg, double floorMap, double measuredNdcg,
      double measuredMap) throws IOException {
    BeirDataset data = BeirDataset.open(SharedData.path("classic/" + name));
    CorpusStages.Settings settings = new CorpusStages.Settings(null, CorpusStages.DEFAULT_SPLADE_MODEL,
        CorpusStages.DEFAULT_UNICOIL_MODEL, "bge-small-en-v1.5", TextAnalyzer.DEFAULT, Bm25Params.DEFAULTS,
        SearchParams.DEFAULTS, SeismicConfig.DEFAULTS, 2);
    try (CorpusStages stages = new CorpusStages(data, dir, ErrorPolicy.strict(), settings,
        new PrintWriter(Writer.nullWriter()))) {
      PipelineRetriever bm25 = new PipelineRetriever(Pipeline.single(stages.stage("bm25"), 1000));
      Evaluation e = BeirEvaluation.run(data, "test", bm25, 1000, 2, Metric.STANDARD, ErrorPolicy.strict()).evaluation();
      double ndcg = e.mean(Metric.ndcgCut(10));
      double map = e.mean(Metric.map());
      assertTrue(ndcg >= floorNdcg, name + " nDCG@10 " + ndcg + " below " + floorNdcg);
      assertTrue(map >= floorMap, name + " MAP " + map + " below " + floorMap);
      assertEquals(measuredNdcg, ndcg, 1e-4, name + " nDCG@10 changed");
      assertEquals(measuredMap, map, 1e-4, name + " MAP changed");
    }
  }
}
