package lsr.index.seismic;

/**
 * One posting list ready to be written: its postings in block order and the summary of each
 * block, as {@link SeismicFormat} lays them out.
 */
record BuiltList(
    int[] docIds,
    int[] blockStarts,
    float[] mins,
    float[] steps,
    int[] summaryStarts,
    int[] components,
    byte[] codes) {

  static final BuiltList EMPTY =
      new BuiltList(new int[0], new int[] {0}, new float[0], new float[0], new int[] {0}, new int[0], new byte[0]);

  /** A list kept whole as one block without a summary, evaluated whenever walked (a flat index's lists). */
  static BuiltList flat(int[] docs) {
    return docs.length == 0 ? EMPTY
        : new BuiltList(docs, new int[] {0, docs.length}, new float[] {0f}, new float[] {0f}, new int[] {0, 0},
            new int[0], new byte[0]);
  }

  int blocks() {
    return blockStarts.length - 1;
  }
}
