package lsr.encoder;

import java.util.Locale;

/** What a model computes, as {@code "type"} in {@code lsr-model.json} and {@code --encoder} name it. */
public enum ModelType {
  /** Term weights over the vocabulary from masked-LM logits (max of log(1 + ReLU)). */
  SPLADE,
  /** One weight per input token; no expansion. */
  UNICOIL,
  /** A dense embedding (bi-encoder), L2-normalized. */
  DENSE;

  /** The lower-case name used in files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code splade}, {@code unicoil} or {@code dense}; null when none matches. */
  static ModelType parse(String s) {
    for (ModelType t : values()) {
      if (t.id().equals(s)) {
        return t;
      }
    }
    return null;
  }
}
