package lsr.index.fields;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsr.data.FieldValue;
import lsr.index.store.IndexFile;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the field tests share: the seed, random documents, and the reference answer computed from
 * the documents the test kept, one document at a time.
 */
final class FieldsTesting {

  static final List<String> LANGS = List.of("en", "fr", "", "日本", "é");
  static final List<String> TAGS = List.of("a", "b", "c", "d", "e-f", "ß", "x y", "z");
  /** Repeats, negatives, both zeros and fractions, so ranges meet ties and sign. */
  static final double[] YEARS = {-3, -1.5, -0.0, 0.0, 0.5, 1, 2, 2, 1990, 1999.5, 2000};

  private FieldsTesting() {}

  /** The seed of a randomized test: {@code -Dlsr.test.seed=<n>} replays one, else a fresh one. */
  static long seed(String test) {
    String given = System.getProperty("lsr.test.seed");
    long seed = given == null ? System.nanoTime() : Long.parseLong(given);
    System.out.println(test + " seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
    return seed;
  }

  /** {@code n} documents, each field present or not at random, some documents with none. */
  static List<Map<String, FieldValue>> randomDocs(Random random, int n) {
    List<Map<String, FieldValue>> docs = new ArrayList<>(n);
    for (int d = 0; d < n; d++) {
      Map<String, FieldValue> fields = new TreeMap<>();
      if (random.nextInt(3) > 0) {
        fields.put("lang", new FieldValue.Text(pick(random, LANGS)));
      }
      if (random.nextBoolean()) {
        List<String> tags = new ArrayList<>();
        for (int k = random.nextInt(5); k > 0; k--) {
          tags.add(pick(random, TAGS)); // duplicates on purpose
        }
        fields.put("tags", new FieldValue.Keywords(tags));
      }
      if (random.nextInt(4) > 0) {
        fields.put("year", new FieldValue.Number(YEARS[random.nextInt(YEARS.length)]));
      }
      if (random.nextInt(10) == 0) {
        fields.put("score", new FieldValue.Number(random.nextGaussian() * 100));
      }
      docs.add(fields);
    }
    return docs;
  }

  /** A condition that fits its field's type: a field of {@link #randomDocs} or one no document has. */
  static FieldCondition randomCondition(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> new FieldCondition.AnyOf("lang", values(random, LANGS));
      case 1 -> new FieldCondition.AnyOf("tags", values(random, TAGS));
      case 2 -> range(random, "year", YEARS[random.nextInt(YEARS.length)], YEARS[random.nextInt(YEARS.length)]);
      case 3 -> range(random, "score", random.nextGaussian() * 100, random.nextGaussian() * 100);
      default -> random.nextBoolean()
          ? new FieldCondition.AnyOf("absent", List.of("en"))
          : range(random, "absent", 0, 1);
    };
  }

  private static List<String> values(Random random, List<String> pool) {
    List<String> values = new ArrayList<>();
    for (int k = 1 + random.nextInt(3); k > 0; k--) {
      values.add(random.nextInt(8) == 0 ? "unknown" : pick(random, pool));
    }
    return values;
  }

  /** A range between {@code a} and {@code b}, each side open (null) or closed at random. */
  private static FieldCondition.Range range(Random random, String field, double a, double b) {
    Double min = random.nextInt(4) == 0 ? null : Math.min(a, b);
    Double max = random.nextInt(4) == 0 ? null : Math.max(a, b);
    return new FieldCondition.Range(field, min, random.nextBoolean(), max, random.nextBoolean());
  }

  private static <T> T pick(Random random, List<T> pool) {
    return pool.get(random.nextInt(pool.size()));
  }

  static FieldIndex write(Path file, List<Map<String, FieldValue>> docs) throws IOException {
    try (FieldIndexWriter writer = FieldIndexWriter.create(file)) {
      for (Map<String, FieldValue> fields : docs) {
        writer.add(fields);
      }
      writer.finish();
    }
    return FieldIndex.open(file, IndexFile.Verify.CHECKSUM);
  }

  /** The docs meeting every condition, checked one document at a time. */
  static RoaringBitmap bruteForce(List<Map<String, FieldValue>> docs, List<FieldCondition> conditions) {
    RoaringBitmap result = new RoaringBitmap();
    for (int d = 0; d < docs.size(); d++) {
      Map<String, FieldValue> fields = docs.get(d);
      if (conditions.stream().allMatch(c -> meets(c, fields.get(c.field())))) {
        result.add(d);
      }
    }
    return result;
  }

  /** Whether a field's value (null when the doc lacks it) meets {@code condition}. */
  static boolean meets(FieldCondition condition, FieldValue value) {
    return switch (condition) {
      case FieldCondition.AnyOf c -> switch (value) {
        case FieldValue.Text t -> c.values().contains(t.value());
        case FieldValue.Keywords k -> k.values().stream().anyMatch(c.values()::contains);
        case null, default -> false;
      };
      case FieldCondition.Range c -> value instanceof FieldValue.Number(double v)
          && (c.min() == null || (c.minInclusive() ? v >= c.min() : v > c.min()))
          && (c.max() == null || (c.maxInclusive() ? v <= c.max() : v < c.max()));
    };
  }
}
