package lsr.query.ltr;

import java.util.HashMap;
import java.util.Map;

/**
 * Term statistics and analyzed documents of a whole collection, held in memory. Meant for
 * collections of up to some hundred thousand documents (evaluation collections, the demo corpus);
 * built once, then read-only and thread-safe.
 */
public final class CorpusStatistics implements TermStatistics {

  private final Map<String, TermBag> bags;
  private final Map<String, Integer> documentFrequency;

  private CorpusStatistics(Map<String, TermBag> bags, Map<String, Integer> documentFrequency) {
    this.bags = bags;
    this.documentFrequency = documentFrequency;
  }

  /** What encoders and text features see of a document: its title, then its text. */
  public static String passage(lsr.data.Document d) {
    return d.title().isEmpty() ? d.text() : d.title() + " " + d.text();
  }

  /** Analyzes every document; {@code texts} maps document ids to their full text (title and body). */
  public static CorpusStatistics build(Map<String, String> texts, TextAnalysis analysis) {
    Map<String, TermBag> bags = new HashMap<>();
    Map<String, Integer> df = new HashMap<>();
    TermBag.Dictionary dictionary = new TermBag.Dictionary();
    texts.forEach((id, text) -> {
      TermBag bag = TermBag.of(analysis.terms(text), dictionary);
      bags.put(id, bag);
      for (String t : bag.terms()) {
        df.merge(t, 1, Integer::sum);
      }
    });
    return new CorpusStatistics(bags, df);
  }

  /** The analyzed terms of document {@code id}, or null when it is not in the collection. */
  public TermBag bag(String id) {
    return bags.get(id);
  }

  @Override
  public int documentCount() {
    return bags.size();
  }

  @Override
  public int documentFrequency(String term) {
    return documentFrequency.getOrDefault(term, 0);
  }
}
