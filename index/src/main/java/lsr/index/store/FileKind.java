package lsr.index.store;

/**
 * Every kind of file the engine writes in the {@link IndexFile} container, with the body version this
 * lsr writes and reads: the one place where kinds and versions are declared. A file of another
 * version is refused with the version found and what to do ({@link #versionProblem}).
 */
public enum FileKind {
  SEISMIC_META("META", 3, "Seismic build parameters and counts"),
  DOC_OFFSETS("DOFF", 3, "Seismic forward index: where each document's entries start"),
  DOC_TERMS("DTRM", 3, "Seismic forward index: term ids"),
  DOC_VALUES("DVAL", 3, "Seismic forward index: weights"),
  DOC_IDS("DIDS", 3, "Seismic external ids"),
  POSTINGS("POST", 3, "Seismic posting lists"),
  SUMMARIES("SUMM", 3, "Seismic block summaries"),
  COMMIT("CMIT", 1, "collection commit point"),
  ID_TABLE("IDTB", 1, "segment ids and their hash table"),
  STORED_DOCUMENTS("DOCS", 1, "segment stored documents"),
  FIELDS("FLDS", 1, "segment metadata field index"),
  DELETES("DELS", 1, "segment deletions"),
  DENSE_VECTORS("DVEC", 1, "segment dense vectors");

  private final String code;
  private final int version;
  private final String description;

  FileKind(String code, int version, String description) {
    this.code = code;
    this.version = version;
    this.description = description;
  }

  /** The four ASCII characters of the header that name the kind. */
  public String code() {
    return code;
  }

  /** The body version this lsr writes and reads. */
  public int version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** The kind whose header code is {@code code}, or null. */
  public static FileKind ofCode(String code) {
    for (FileKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    return null;
  }

  /**
   * What to tell a user whose file holds version {@code found} of this kind: which version it is,
   * which this lsr reads, and what to do about it.
   */
  public String versionProblem(int found) {
    String what = description + " format version " + found + ", where this lsr reads version " + version;
    return found > version
        ? what + ": it was written by a newer lsr; open it with that version, or upgrade"
        : what + ": it was written by an older lsr; rebuild the collection with lsr index (or lsr merge "
            + "--max-segments 1 with the lsr that wrote it, then lsr index)";
  }
}
