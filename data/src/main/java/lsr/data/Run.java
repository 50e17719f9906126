package lsr.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of a system for a set of queries, in memory: for each query, the retrieved documents
 * with their scores, in the order they were added (or read). Evaluation re-orders by score as
 * trec_eval does; this class keeps what it was given. A document retrieved twice for one query is
 * an error, as it is for trec_eval. Immutable once built.
 */
public final class Run {

  private final Map<String, List<ScoredDoc>> byQuery;

  private Run(Map<String, List<ScoredDoc>> byQuery) {
    this.byQuery = byQuery;
  }

  /** Reads a TREC run file. */
  public static Run readTrec(Path file, ErrorPolicy policy) throws IOException {
    Map<String, List<ScoredDoc>> byQuery = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    try (TrecRunReader reader = TrecRunReader.open(file, policy)) {
      while (reader.hasNext()) {
        RunEntry e = reader.next();
        if (!seen.computeIfAbsent(e.queryId(), q -> new HashSet<>()).add(e.docId())) {
          reader.reject("document " + e.docId() + " is retrieved twice for query " + e.queryId(), "second line");
          continue;
        }
        byQuery.computeIfAbsent(e.queryId(), q -> new ArrayList<>()).add(new ScoredDoc(e.docId(), e.score()));
      }
    }
    return freeze(byQuery);
  }

  private static Run freeze(Map<String, List<ScoredDoc>> byQuery) {
    Map<String, List<ScoredDoc>> copy = new LinkedHashMap<>();
    byQuery.forEach((q, docs) -> copy.put(q, List.copyOf(docs)));
    return new Run(Collections.unmodifiableMap(copy));
  }

  /** Builds a run in code, one query at a time. */
  public static final class Builder {
    private final Map<String, List<ScoredDoc>> byQuery = new LinkedHashMap<>();

    /**
     * Sets the results of {@code queryId}.
     *
     * @throws IllegalArgumentException when the query already has results or a document repeats
     */
    public Builder put(String queryId, List<ScoredDoc> results) {
      Set<String> docs = new HashSet<>();
      for (ScoredDoc d : results) {
        if (!docs.add(d.docId())) {
          throw new IllegalArgumentException("document " + d.docId() + " is retrieved twice for query " + queryId);
        }
      }
      if (byQuery.putIfAbsent(queryId, results) != null) {
        throw new IllegalArgumentException("query " + queryId + " already has results");
      }
      return this;
    }

    public Run build() {
      return freeze(byQuery);
    }
  }

  /** The queries with results (possibly empty), in order of addition. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** The results of {@code queryId} as given; empty when the query has none. */
  public List<ScoredDoc> results(String queryId) {
    return byQuery.getOrDefault(queryId, List.of());
  }
}
