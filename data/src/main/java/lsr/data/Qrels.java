package lsr.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The relevance judgments of a test collection, in memory: for each judged query, the judged
 * documents and their relevance. Queries and documents keep the order of the file. Following
 * trec_eval, a relevance of 0 or below is non-relevant, and a query counts as judged when it has
 * any judgment at all, relevant or not. Immutable once built.
 */
public final class Qrels {

  private final Map<String, Map<String, Integer>> byQuery;

  private Qrels(Map<String, Map<String, Integer>> byQuery) {
    this.byQuery = byQuery;
  }

  /** Reads a TREC qrels file ({@code qid 0 docid rel}); a repeated (qid, docid) pair is an error. */
  public static Qrels readTrec(Path file, ErrorPolicy policy) throws IOException {
    try (QrelsReader reader = QrelsReader.trec(file, policy)) {
      return collect(reader);
    }
  }

  /** Reads a BEIR {@code qrels/<split>.tsv}; a repeated (query-id, corpus-id) pair is an error. */
  public static Qrels readBeir(Path file, ErrorPolicy policy) throws IOException {
    try (QrelsReader reader = QrelsReader.beir(file, policy)) {
      return collect(reader);
    }
  }

  private static Qrels collect(QrelsReader reader) {
    Builder builder = new Builder();
    while (reader.hasNext()) {
      Judgment j = reader.next();
      Integer before = builder.byQuery.computeIfAbsent(j.queryId(), q -> new LinkedHashMap<>())
          .putIfAbsent(j.docId(), j.relevance());
      if (before != null) {
        // The first judgment stands; a lenient policy counts the repeat, a strict one stops.
        reader.reject("document " + j.docId() + " is judged twice for query " + j.queryId()
            + " (relevance " + before + ", then " + j.relevance() + ")", "second judgment");
      }
    }
    return builder.build();
  }

  /** Builds qrels in code (tests, converters). */
  public static final class Builder {
    private final Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();

    /**
     * Adds a judgment.
     *
     * @throws IllegalArgumentException when the pair is already judged
     */
    public Builder add(String queryId, String docId, int relevance) {
      if (byQuery.computeIfAbsent(queryId, q -> new LinkedHashMap<>()).putIfAbsent(docId, relevance) != null) {
        throw new IllegalArgumentException("document " + docId + " is judged twice for query " + queryId);
      }
      return this;
    }

    public Qrels build() {
      Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
      byQuery.forEach((q, docs) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
      return new Qrels(Collections.unmodifiableMap(copy));
    }
  }

  /** The judged queries, in file order. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** The judged documents of {@code queryId} and their relevance; empty when the query is not judged. */
  public Map<String, Integer> judgments(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** The relevance of {@code docId} for {@code queryId}, or 0 when unjudged (unjudged is non-relevant). */
  public int relevance(String queryId, String docId) {
    return judgments(queryId).getOrDefault(docId, 0);
  }

  /** How many documents are relevant (relevance > 0) for {@code queryId}. */
  public int relevantCount(String queryId) {
    int n = 0;
    for (int rel : judgments(queryId).values()) {
      if (rel > 0) {
        n++;
      }
    }
    return n;
  }

  /** The number of judgments. */
  public int size() {
    int n = 0;
    for (Map<String, Integer> docs : byQuery.values()) {
      n += docs.size();
    }
    return n;
  }
}
