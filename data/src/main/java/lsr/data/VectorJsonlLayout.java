package lsr.data;

/**
 * The two JSON-lines layouts of learned-sparse vectors in use. Both write one object per line with
 * {@code "id"} and {@code "vector": {token: weight, ...}}; they differ in the name of the text
 * field. Readers accept either; writers produce the one asked for.
 */
public enum VectorJsonlLayout {
  /** Anserini's JsonVectorCollection: {@code {"id": "7", "contents": "...", "vector": {...}}}. */
  ANSERINI("contents"),
  /**
   * Seismic's: {@code {"id": 7, "content": "...", "vector": {...}}}. Seismic's own files give
   * numeric ids as JSON numbers, and so does the writer.
   */
  SEISMIC("content");

  private final String textField;

  VectorJsonlLayout(String textField) {
    this.textField = textField;
  }

  /** The name of the text field in this layout. */
  public String textField() {
    return textField;
  }
}
