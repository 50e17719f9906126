package lsr.query.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import lsr.data.Document;
import lsr.query.pipeline.RequestSnapshots;

/** The texts of a collection's documents by external id, to show results. Thread-safe. */
public interface DocumentStore {

  /**
   * The document called {@code id} as the request sees the collection, or null when it has none by
   * that id.
   */
  Document get(String id, RequestSnapshots snapshots);

  /** Number of documents. */
  long size();

  /** Visits every document once. */
  void forEach(Consumer<Document> action);

  /** A store over documents held in memory. */
  static DocumentStore of(Collection<Document> documents) {
    Map<String, Document> byId = new LinkedHashMap<>();
    for (Document d : documents) {
      byId.put(d.id(), d);
    }
    return new DocumentStore() {
      @Override
      public Document get(String id, RequestSnapshots snapshots) {
        return byId.get(id);
      }

      @Override
      public long size() {
        return byId.size();
      }

      @Override
      public void forEach(Consumer<Document> action) {
        byId.values().forEach(action);
      }
    };
  }
}
