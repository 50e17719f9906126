package lsr.encoder;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import lsr.data.Vocabulary;

/**
 * Turns text into the token ids a BERT-style graph reads, with a Hugging Face {@code tokenizer.json}
 * run by DJL's binding of the Rust tokenizers library. Every sequence is {@code [CLS] tokens [SEP]},
 * truncated to {@code maxLength} tokens in all with the final {@code [SEP]} kept.
 *
 * <p>Thread-safe: DJL's tokenizer may be called from several threads at once.
 */
public final class TextTokenizer implements AutoCloseable {

  /**
   * Texts longer than {@code maxLength} times this many characters are first tokenized from a prefix
   * cut at a space: a 10 MB document then costs what its first few kilobytes cost. When the prefix
   * alone fills {@code maxLength} tokens the result equals tokenizing the whole text (the pre-tokenizer
   * splits at spaces, so the tokens before the cut are the same); otherwise the whole text is used.
   */
  static final int PREFIX_CHARS_PER_TOKEN = 16;

  private static final List<String> BERT_SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

  private final HuggingFaceTokenizer tokenizer;
  private final Vocabulary vocabulary;
  private final BitSet special;
  private final int padId;
  private final int maxLength;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, Vocabulary vocabulary, BitSet special,
      int padId, int maxLength) {
    this.tokenizer = tokenizer;
    this.vocabulary = vocabulary;
    this.special = special;
    this.padId = padId;
    this.maxLength = maxLength;
  }

  /**
   * Reads a {@code tokenizer.json}.
   *
   * @param json its text
   * @param where its location, for error messages
   * @param maxLength tokens per sequence, [CLS] and [SEP] included
   * @throws InvalidModelException when the file is not a WordPiece-style tokenizer with a vocabulary
   */
  public static TextTokenizer fromJson(String json, String where, int maxLength) {
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be >= 2 to hold [CLS] and [SEP], got " + maxLength);
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new InvalidModelException(where + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode vocab = root.path("model").path("vocab");
    if (!vocab.isObject() || vocab.isEmpty()) {
      throw new InvalidModelException(where + ": no model.vocab object; lsr reads WordPiece tokenizers"
          + " (bert-base-uncased style) whose vocabulary maps tokens to ids");
    }
    List<String> byId = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      place(byId, e.getValue().asInt(-1), e.getKey(), where);
    }
    BitSet special = new BitSet();
    for (JsonNode added : root.path("added_tokens")) {
      int id = added.path("id").asInt(-1);
      String content = added.path("content").asText();
      if (id >= byId.size() || byId.get(id) == null) {
        place(byId, id, content, where);
      }
      if (added.path("special").asBoolean(false)) {
        special.set(id);
      }
    }
    int gap = byId.indexOf(null);
    if (gap >= 0) {
      throw new InvalidModelException(where + ": the vocabulary has no token with id " + gap
          + " (ids must run from 0 without gaps)");
    }
    Vocabulary vocabulary = Vocabulary.of(byId);
    for (String name : BERT_SPECIAL) {
      int id = vocabulary.id(name);
      if (id >= 0) {
        special.set(id);
      }
    }
    int padId = Math.max(0, vocabulary.id("[PAD]"));
    HuggingFaceTokenizer hf;
    try {
      hf = HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
          Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
              "maxLength", Integer.toString(maxLength)));
    } catch (IOException | RuntimeException e) {
      throw new InvalidModelException(where + ": the tokenizers library refused it: " + e.getMessage(), e);
    }
    return new TextTokenizer(hf, vocabulary, special, padId, maxLength);
  }

  private static void place(List<String> byId, int id, String token, String where) {
    if (id < 0) {
      throw new InvalidModelException(where + ": token '" + token + "' has no valid id");
    }
    while (byId.size() <= id) {
      byId.add(null);
    }
    if (byId.get(id) != null && !byId.get(id).equals(token)) {
      throw new InvalidModelException(where + ": id " + id + " is both '" + byId.get(id) + "' and '" + token + "'");
    }
    byId.set(id, token);
  }

  /**
   * The ids of {@code [CLS] text [SEP]}, at most {@link #maxLength()} of them, the last always the
   * separator.
   */
  public long[] encode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    int cut = prefixCut(text);
    if (cut > 0) {
      long[] ids = tokenizer.encode(text.substring(0, cut), true, false).getIds();
      if (ids.length == maxLength) {
        return ids;
      }
    }
    return tokenizer.encode(text, true, false).getIds();
  }

  /**
   * Where the prefix that {@link #encode} tokenizes first ends: the first space at or after {@code
   * maxLength * PREFIX_CHARS_PER_TOKEN} characters; -1 when the text is short enough to tokenize
   * whole, or has no space to cut at.
   */
  int prefixCut(String text) {
    long cap = (long) maxLength * PREFIX_CHARS_PER_TOKEN;
    return text.length() > cap ? firstSpaceFrom(text, (int) cap) : -1;
  }

  private static int firstSpaceFrom(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The WordPiece token strings of {@code text} (with [CLS] and [SEP]), for explanations and tests. */
  public List<String> tokens(String text) {
    return Arrays.stream(encode(text)).mapToObj(id -> vocabulary.token((int) id)).toList();
  }

  /** The tokenizer's vocabulary: term id to token string and back. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Whether {@code id} is a special token ([CLS], [SEP], [PAD], [UNK], [MASK], ...), never a term. */
  public boolean isSpecial(int id) {
    return special.get(id);
  }

  /** The id used to pad sequences of a batch to one length. */
  public int padId() {
    return padId;
  }

  public int maxLength() {
    return maxLength;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
