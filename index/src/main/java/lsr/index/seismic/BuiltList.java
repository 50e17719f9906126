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

  int blocks() {
    return blockStarts.length - 1;
  }
}
