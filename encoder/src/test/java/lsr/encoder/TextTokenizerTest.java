package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {

  private static final int MAX = 24;
  private static TextTokenizer tokenizer;

  @BeforeAll
  static void open() throws IOException {
    String json = Files.readString(Fixtures.folder("splade-logits").resolve("tokenizer.json"));
    tokenizer = TextTokenizer.fromJson(json, "fixture tokenizer.json", MAX);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void wrapsTextInClsAndSep() {
    assertEquals(List.of("[CLS]", "the", "cat", "sat", "[SEP]"), tokenizer.tokens("The cat sat"));
  }

  @Test
  void emptyTextIsClsSep() {
    assertEquals(List.of("[CLS]", "[SEP]"), tokenizer.tokens(""));
    assertEquals(List.of("[CLS]", "[SEP]"), tokenizer.tokens("   \t "));
  }

  @Test
  void truncationKeepsTheFinalSep() {
    long[] ids = tokenizer.encode("one two three ".repeat(50));
    assertEquals(MAX, ids.length);
    assertEquals(tokenizer.vocabulary().id("[CLS]"), ids[0]);
    assertEquals(tokenizer.vocabulary().id("[SEP]"), ids[MAX - 1]);
    // 22 words fit between [CLS] and [SEP]: seven "one two three" and a final "one".
    assertEquals(tokenizer.vocabulary().id("one"), ids[MAX - 2], "the last kept word precedes [SEP]");
  }

  @Test
  void veryLongTextGivesTheSameIdsAsTheReferenceFromAShortPrefix() {
    // The reference tokenized 12 repetitions in Python; 200 000 repetitions (about 10 MB) must give
    // the same truncated ids. Only a prefix of a few hundred characters is tokenized: it already
    // fills maxLength, so encode stops there (what that saves is measured by lsr encode-bench, not here).
    JsonNode longCase = Fixtures.reference().get("documents").get(7);
    String sentence = "very long text about sparse search engine index";
    String huge = String.join(" ", java.util.Collections.nCopies(200_000, sentence));
    assertArrayEquals(Fixtures.ids(longCase), tokenizer.encode(huge));

    int cut = tokenizer.prefixCut(huge);
    int cap = MAX * TextTokenizer.PREFIX_CHARS_PER_TOKEN;
    assertTrue(cut >= cap && cut <= cap + sentence.length(), "prefix of " + cut + " characters of " + huge.length());
    assertTrue(Character.isWhitespace(huge.charAt(cut)), "the prefix ends at a space");
    assertArrayEquals(Fixtures.ids(longCase), tokenizer.encode(huge.substring(0, cut)),
        "the prefix alone gives maxLength ids, the whole text's");
    assertEquals(-1, tokenizer.prefixCut(huge.substring(0, cap)), "a text of at most the cap is tokenized whole");
    assertEquals(-1, tokenizer.prefixCut("x".repeat(2 * cap)), "no space to cut at");
  }

  @Test
  void longTextWithoutSpacesFallsBackToTheWholeText() {
    // No space to cut at: one 5000-character word, longer than WordPiece's 100-character limit: [UNK].
    assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), tokenizer.tokens("x".repeat(5000)));
    // A prefix that is cut but holds too few tokens: long unknown words, then real ones.
    String text = ("z".repeat(150) + " ").repeat(10) + "cat dog";
    List<String> tokens = tokenizer.tokens(text);
    assertEquals(14, tokens.size());
    assertEquals(List.of("cat", "dog", "[SEP]"), tokens.subList(11, 14));
  }

  @Test
  void unknownWordsAndSubwords() {
    assertEquals(List.of("[CLS]", "jump", "##ing", "[UNK]", "[SEP]"), tokenizer.tokens("jumping quantum"));
  }

  @Test
  void specialTokensAreKnown() {
    for (String s : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
      assertTrue(tokenizer.isSpecial(tokenizer.vocabulary().id(s)), s);
    }
    assertEquals(false, tokenizer.isSpecial(tokenizer.vocabulary().id("cat")));
    assertEquals(0, tokenizer.padId());
  }

  @Test
  void rejectsATokenizerWithoutVocabulary() {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> TextTokenizer.fromJson("{\"model\": {\"type\": \"BPE\"}}", "x/tokenizer.json", 16));
    assertTrue(e.getMessage().startsWith("x/tokenizer.json: no model.vocab"), e.getMessage());
  }

  @Test
  void rejectsAVocabularyWithGaps() {
    String json = "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"[PAD]\": 0, \"a\": 2}}}";
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> TextTokenizer.fromJson(json, "t.json", 16));
    assertTrue(e.getMessage().contains("no token with id 1"), e.getMessage());
  }
}
