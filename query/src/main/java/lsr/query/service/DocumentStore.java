package lsr.query.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import lsr.data.Document;

/** The texts of a collection's documents by external id, to show results. Thread-safe. */
public interface DocumentStore {

  /** The document called {@code id}, or null when the collection has none by that id. */
  Document get(String id);

  /** Number of documents. */
  int size();

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
      public Document get(String id) {
        return byId.get(id);
      }

      @Override
      public int size() {
        return byId.size();
      }

      @Override
      public void forEach(Consumer<Document> action) {
        byId.values().forEach(action);
      }
    };
  }
}
