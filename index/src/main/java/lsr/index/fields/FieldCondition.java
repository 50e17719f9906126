package lsr.index.fields;

import java.util.List;
import lsr.data.FieldValue;

/**
 * One condition on a metadata field; a document lacking the field never meets it. The records
 * validate on construction, so a condition that exists is well-formed (its field's type is only
 * known per segment: {@link FieldIndex#matching}).
 */
public sealed interface FieldCondition {

  String field();

  /**
   * A string field equal to one of {@code values}, or a keyword list containing one of them.
   *
   * @param values at least one
   */
  record AnyOf(String field, List<String> values) implements FieldCondition {
    public AnyOf {
      FieldValue.checkName(field);
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("field '" + field + "': give at least one value to match");
      }
    }
  }

  /**
   * A number field within bounds; a null bound leaves that side open, and equality is {@code [v, v]}.
   * Bounds compare as numbers, so -0.0 and 0.0 are equal.
   *
   * @throws IllegalArgumentException when a bound is not finite or {@code min > max}
   */
  record Range(String field, Double min, boolean minInclusive, Double max, boolean maxInclusive)
      implements FieldCondition {
    public Range {
      FieldValue.checkName(field);
      if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
        throw new IllegalArgumentException("field '" + field + "': range bounds must be finite numbers");
      }
      if (min != null && max != null && min > max) {
        throw new IllegalArgumentException(
            "field '" + field + "': the range is empty, its lower bound " + min + " exceeds its upper bound " + max);
      }
    }

    /** Exactly {@code value}. */
    public static Range equal(String field, double value) {
      return new Range(field, value, true, value, true);
    }

    /** Whether {@code value} meets the lower bound. */
    boolean aboveMin(double value) {
      return min == null || (minInclusive ? value >= min : value > min);
    }

    /** Whether {@code value} meets the upper bound. */
    boolean belowMax(double value) {
      return max == null || (maxInclusive ? value <= max : value < max);
    }
  }
}
