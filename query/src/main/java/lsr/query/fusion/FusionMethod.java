package lsr.query.fusion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fusion methods by the names users give them on the command line and in requests. */
public enum FusionMethod {
  RRF("rrf", new ReciprocalRankFusion()),
  MIN_MAX("minmax", new ConvexFusion(Normalization.MIN_MAX)),
  Z_SCORE("zscore", new ConvexFusion(Normalization.Z_SCORE));

  private final String label;
  private final Fuser fuser;

  FusionMethod(String label, Fuser fuser) {
    this.label = label;
    this.fuser = fuser;
  }

  /** The name users write: {@code rrf}, {@code minmax} or {@code zscore}. */
  public String label() {
    return label;
  }

  public Fuser fuser() {
    return fuser;
  }

  /**
   * The method called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values when none matches
   */
  public static FusionMethod parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (FusionMethod m : values()) {
      if (m.label.equals(wanted)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown fusion method '" + name + "'; use one of " + labels());
  }

  /** The accepted names, comma separated. */
  public static String labels() {
    return Arrays.stream(values()).map(FusionMethod::label).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }
}
