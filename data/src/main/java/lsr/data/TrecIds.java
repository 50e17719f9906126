package lsr.data;

/** TREC files separate fields by whitespace, so an id in them must hold none. */
final class TrecIds {

  private TrecIds() {}

  static String check(String id, String what) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isWhitespace(id.charAt(i))) {
        throw new IllegalArgumentException(what + " '" + id + "' holds whitespace, which TREC files cannot carry");
      }
    }
    return id;
  }
}
