package lsr.encoder;

import java.util.Locale;

/** How a dense encoder turns per-token hidden states into one vector. */
public enum Pooling {
  /** The hidden state of the first token ([CLS]); bge models are trained this way. */
  CLS,
  /** The mean of the hidden states under the attention mask; sentence-transformers' default. */
  MEAN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Pooling parse(String s) {
    for (Pooling p : values()) {
      if (p.id().equals(s)) {
        return p;
      }
    }
    return null;
  }
}
