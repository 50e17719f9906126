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
  void veryLongTextGivesTheSameIdsAsTheReference() {
    // The reference tokenized 12 repetitions in Python; 200 000 repetitions (about 10 MB) must give
    // the same truncated ids, and quickly, since only a prefix is tokenized.
    JsonNode longCase = Fixtures.reference().get("documents").get(7);
    String sentence = "very long text about sparse search engine index";
    String huge = String.join(" ", java.util.Collections.nCopies(200_000, sentence));
    long start = System.nanoTime();
    assertArrayEquals(Fixtures.ids(longCase), tokenizer.encode(huge));
    assertTrue(System.nanoTime() - start < 2_000_000_000L, "a prefix suffices; the whole text must not be tokenized");
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
