package lsr.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsr.data.BeirDataset;
import lsr.data.ErrorPolicy;
import lsr.data.Qrels;
import lsr.data.Query;
import lsr.data.Run;
import lsr.query.Retriever;

/**
 * Evaluates a retriever on a BEIR dataset: the judged queries of a split are searched, the run is
 * evaluated against that split's qrels.
 *
 * @param run what the retriever returned, by query
 * @param evaluation the measures per query and their means
 */
public record BeirEvaluation(Run run, Evaluation evaluation) {

  /**
   * Searches every judged query of {@code split} with {@code retriever} for the top {@code hits}
   * documents and evaluates the run with {@code metrics}.
   *
   * @throws lsr.data.InputFormatException when a judged query is missing from queries.jsonl (strict
   *     policy; a lenient one skips and counts it, and it is not evaluated)
   */
  public static BeirEvaluation run(BeirDataset dataset, String split, Retriever retriever, int hits,
      int threads, List<Metric> metrics, ErrorPolicy policy) throws IOException {
    return run(dataset, split, judged -> Retrieval.run(retriever, judged, hits, threads), metrics, policy);
  }

  /**
   * Like {@link #run(BeirDataset, String, Retriever, int, int, List, ErrorPolicy)}, for methods that
   * answer all judged queries at once ({@code search} gets them and returns the run), such as
   * learning to rank cross-validated over the queries themselves.
   */
  public static BeirEvaluation run(BeirDataset dataset, String split, java.util.function.Function<List<Query>, Run> search,
      List<Metric> metrics, ErrorPolicy policy) throws IOException {
    Qrels qrels = dataset.qrels(split, policy);
    Map<String, Query> queries = dataset.queries(policy);
    List<Query> judged = new ArrayList<>();
    Qrels.Builder answerable = new Qrels.Builder();
    for (String id : qrels.queryIds()) {
      Query q = queries.get(id);
      if (q == null) {
        policy.reject(dataset.folder().resolve("qrels").resolve(split + ".tsv").toString(), 0,
            "query " + id + " is judged but missing from queries.jsonl", "query");
        continue;
      }
      judged.add(q);
      qrels.judgments(id).forEach((doc, rel) -> answerable.add(id, doc, rel));
    }
    Run run = search.apply(judged);
    return new BeirEvaluation(run, Evaluator.evaluate(answerable.build(), run, metrics));
  }
}
