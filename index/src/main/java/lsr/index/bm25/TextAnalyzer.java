package lsr.index.bm25;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How text becomes index terms for BM25. The same analyzer must serve indexing and querying, so a
 * segment records the one it was written with (see {@link Bm25SegmentWriter}).
 */
public enum TextAnalyzer {
  /** Unicode word segmentation and lower-casing; no stop words, no stemming. */
  STANDARD,
  /** {@link #STANDARD} plus English possessive removal and Porter stemming; no stop words. */
  PORTER,
  /** Lucene's English analyzer: possessives, lower-casing, English stop words, Porter stemming. */
  ENGLISH;

  /** The analyzer lsr uses unless told otherwise: stemming and stop words help on every test collection measured. */
  public static final TextAnalyzer DEFAULT = ENGLISH;

  /** The name used on the command line and in index metadata: {@code standard}, {@code porter}, {@code english}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }

  /** The analyzer named {@code id}, case-insensitively. */
  public static TextAnalyzer of(String id) {
    for (TextAnalyzer a : values()) {
      if (a.id().equalsIgnoreCase(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown analyzer '" + id + "'; choose standard, porter or english");
  }

  /** A new Lucene analyzer (close it after use). */
  public Analyzer newAnalyzer() {
    return switch (this) {
      case STANDARD -> new StandardAnalyzer();
      case ENGLISH -> new EnglishAnalyzer();
      case PORTER -> new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          StandardTokenizer source = new StandardTokenizer();
          TokenStream stream = new EnglishPossessiveFilter(source);
          stream = new LowerCaseFilter(stream);
          stream = new PorterStemFilter(stream);
          return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
          return new LowerCaseFilter(in);
        }
      };
    };
  }
}
