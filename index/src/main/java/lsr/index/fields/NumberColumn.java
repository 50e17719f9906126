package lsr.index.fields;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.store.IndexFileWriter;
import org.apache.lucene.util.IntroSorter;
import org.roaringbitmap.RoaringBitmap;

/**
 * A number field: one (value, doc) pair per doc having it, sorted by value, so the docs of a range
 * are one run of pairs found by two binary searches ({@link FieldsFormat NumberColumn}). Values
 * compare with {@code <}, by which -0.0 equals 0.0.
 */
final class NumberColumn implements Column {

  private final double[] values;
  private final int[] docs;

  private NumberColumn(double[] values, int[] docs) {
    this.values = values;
    this.docs = docs;
  }

  @Override
  public FieldType type() {
    return FieldType.NUMBER;
  }

  /** The docs whose value is within {@code range}; a new bitmap the caller may change. */
  RoaringBitmap matching(FieldCondition.Range range) {
    // Along ascending values the lower bound turns from failed to met once, the upper from met
    // to failed once: the run between the two turns is the range.
    int from = firstWhere(i -> range.aboveMin(values[i]));
    int to = firstWhere(i -> !range.belowMax(values[i]));
    RoaringBitmap result = new RoaringBitmap();
    if (from < to) {
      result.addN(docs, from, to - from);
    }
    return result;
  }

  /** The first pair for which {@code test}, false then true along the pairs, holds (or the count). */
  private int firstWhere(IntPredicate test) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (test.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Reads the column of {@code field} in a segment of {@code docCount} docs. */
  static NumberColumn read(BodyReader in, String field, int docCount) throws IOException {
    String where = "field '" + field + "'";
    int n = in.count(where + ": pair count", Double.BYTES + Integer.BYTES);
    if (n > docCount) {
      throw in.corrupt(where + ": " + n + " values in a segment of " + docCount + " docs");
    }
    double[] values = in.f64s(n, where + " values");
    int[] docs = in.i32s(n, where + " docs");
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i]) || (i > 0 && values[i] < values[i - 1])) {
        throw in.corrupt(where + ": value " + values[i] + " at pair " + i + " is not finite or out of order");
      }
      if (docs[i] < 0 || docs[i] >= docCount) {
        throw in.corrupt(where + ": pair " + i + " names doc " + docs[i] + " of a segment of " + docCount + " docs");
      }
    }
    return new NumberColumn(values, docs);
  }

  /** Holds the pairs in arrays that double as they fill, sorted once when the file is written. */
  static final class Builder implements Column.Builder {

    private double[] values = new double[16];
    private int[] docs = new int[16];
    private int size;

    @Override
    public FieldType type() {
      return FieldType.NUMBER;
    }

    @Override
    public void add(int doc, FieldValue value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        docs = Arrays.copyOf(docs, size * 2);
      }
      values[size] = ((FieldValue.Number) value).value();
      docs[size++] = doc;
    }

    @Override
    public void write(IndexFileWriter out) throws IOException {
      // Sorts the parallel arrays in place, without boxing; ties go by doc, so the file is the
      // same whatever the sort's pivots.
      new IntroSorter() {
        private double pivotValue;
        private int pivotDoc;

        @Override
        protected void setPivot(int i) {
          pivotValue = values[i];
          pivotDoc = docs[i];
        }

        @Override
        protected int comparePivot(int j) {
          return order(pivotValue, pivotDoc, values[j], docs[j]);
        }

        @Override
        protected int compare(int i, int j) {
          return order(values[i], docs[i], values[j], docs[j]);
        }

        @Override
        protected void swap(int i, int j) {
          double v = values[i];
          values[i] = values[j];
          values[j] = v;
          int d = docs[i];
          docs[i] = docs[j];
          docs[j] = d;
        }
      }.sort(0, size);
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeLong(Double.doubleToLongBits(values[i]));
      }
      for (int i = 0; i < size; i++) {
        out.writeInt(docs[i]);
      }
    }

    /** By value, -0.0 equal to 0.0, then by doc. */
    private static int order(double value1, int doc1, double value2, int doc2) {
      return value1 < value2 ? -1 : value1 > value2 ? 1 : Integer.compare(doc1, doc2);
    }
  }
}
