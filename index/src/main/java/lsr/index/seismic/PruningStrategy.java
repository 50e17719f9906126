package lsr.index.seismic;

/** How posting lists are cut to their largest entries before blocking. */
public enum PruningStrategy {
  /**
   * Keep the {@code nPostings × lists} largest entries of the whole collection (a global weight
   * threshold), but never more than {@code nPostings × maxFraction} in one list.
   */
  GLOBAL_THRESHOLD,
  /** Keep the {@code nPostings} largest entries of every list. */
  FIXED_SIZE,
  /** Keep every entry (exact lists; for tests and small collections). */
  NONE;

  /** The command-line spelling: {@code global-threshold}, {@code fixed-size}, {@code none}. */
  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Parses the command-line or JSON spelling, in either case, with '-' or '_'. */
  public static PruningStrategy parse(String text) {
    for (PruningStrategy p : values()) {
      if (p.cliName().equalsIgnoreCase(text.replace('_', '-'))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown pruning strategy '" + text + "': use global-threshold, fixed-size or none");
  }
}
