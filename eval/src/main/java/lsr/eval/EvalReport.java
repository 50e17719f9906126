package lsr.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lsr.data.InputFiles;

/**
 * The summary of one retriever on one dataset, as {@code lsr eval --json} writes it:
 *
 * <pre>{@code
 * {"dataset": "cranfield", "retriever": "bm25", "queries": 225,
 *  "metrics": {"ndcg_cut_10": 0.33, "recall_100": ..., "recall_1000": ..., "map": ...,
 *              "recip_rank": ..., "P_10": ...}}
 * }</pre>
 *
 * @param dataset the dataset's name
 * @param retriever the retriever's name
 * @param queries the number of judged queries evaluated
 * @param metrics mean of each measure by trec_eval name
 */
public record EvalReport(String dataset, String retriever, int queries, Map<String, Double> metrics) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EvalReport {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The report of {@code evaluation}. */
  public static EvalReport of(String dataset, String retriever, Evaluation evaluation) {
    return new EvalReport(dataset, retriever, evaluation.queryCount(), evaluation.means());
  }

  /** Writes the report as JSON to {@code file}. */
  public void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dataset", dataset);
    json.put("retriever", retriever);
    json.put("queries", queries);
    json.put("metrics", metrics);
    try (Writer out = InputFiles.writer(file)) {
      JSON.writeValue(out, json);
    }
  }
}
