package lsr.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed mapping between vocabulary tokens (WordPiece strings such as {@code "##ing"}) and the dense
 * term ids that {@link SparseVector} uses. Ids are line numbers of a {@code vocab.txt}, as BERT
 * tokenizers number them, so vectors from a model and from a file agree on ids.
 */
public final class Vocabulary {

  private static final String BERT_RESOURCE = "bert-base-uncased-vocab.txt";
  private static volatile Vocabulary bert;

  private final List<String> tokens;
  private final Map<String, Integer> ids;

  private Vocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      if (ids.putIfAbsent(tokens.get(i), i) != null) {
        throw new IllegalArgumentException("token '" + tokens.get(i) + "' appears twice (ids "
            + ids.get(tokens.get(i)) + " and " + i + ")");
      }
    }
  }

  /** A vocabulary from tokens in id order. */
  public static Vocabulary of(List<String> tokens) {
    return new Vocabulary(tokens);
  }

  /** Reads a {@code vocab.txt}: one token per line, the line number (from 0) is its id. */
  public static Vocabulary read(Path vocabTxt) throws IOException {
    try (InputStream in = Files.newInputStream(vocabTxt)) {
      return read(in);
    }
  }

  private static Vocabulary read(InputStream in) throws IOException {
    List<String> tokens = new ArrayList<>(32_000);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        tokens.add(line);
      }
    }
    return new Vocabulary(tokens);
  }

  /** The 30522-token bert-base-uncased WordPiece vocabulary, shared by the models lsr ships and reads. */
  public static Vocabulary bertBaseUncased() {
    Vocabulary v = bert;
    if (v == null) {
      synchronized (Vocabulary.class) {
        if (bert == null) {
          try (InputStream in = Vocabulary.class.getResourceAsStream(BERT_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("resource " + BERT_RESOURCE + " is missing from lsr-data");
            }
            bert = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        v = bert;
      }
    }
    return v;
  }

  public int size() {
    return tokens.size();
  }

  /** The id of {@code token}, or -1 when it is not in the vocabulary. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** The token with id {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }
}
