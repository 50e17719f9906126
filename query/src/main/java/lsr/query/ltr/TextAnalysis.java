package lsr.query.ltr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into the terms that text features compare: Lucene's English analysis (standard
 * tokenization, lower case, English stop words removed, Porter stemming), so "indexes" and "indexing"
 * match. Thread-safe.
 */
public final class TextAnalysis {

  private final Analyzer analyzer;

  public TextAnalysis(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** English analysis with stemming and stop words. */
  public static TextAnalysis english() {
    return new TextAnalysis(new EnglishAnalyzer());
  }

  public List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return out;
  }
}
