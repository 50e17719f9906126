package lsr.index.fields;

import static lsr.index.fields.FieldsTesting.bruteForce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lsr.data.FieldValue;
import lsr.index.fields.FieldCondition.AnyOf;
import lsr.index.fields.FieldCondition.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class FieldFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void parsesEveryForm() throws IOException {
    FieldFilter filter = FieldFilter.parse(json("""
        {"lang": "en", "tags": ["a", "b"], "year": {"gte": 1990, "lt": 2000}, "n": 5,
         "after": {"gt": -1.5}, "upto": {"lte": 7}}"""));
    assertEquals(List.of(
        new AnyOf("lang", List.of("en")),
        new AnyOf("tags", List.of("a", "b")),
        new Range("year", 1990.0, true, 2000.0, false),
        new Range("n", 5.0, true, 5.0, true),
        new Range("after", -1.5, false, null, false),
        new Range("upto", null, false, 7.0, true)), filter.conditions());
    assertEquals(List.of(), FieldFilter.parse(json("{}")).conditions());
  }

  @Test
  void refusesBadJsonNamingTheField() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("{\"nested\": [[\"a\"]]}", "nested"),
        Map.entry("{\"mixed\": [\"a\", 1]}", "mixed"),
        Map.entry("{\"flag\": true}", "flag"),
        Map.entry("{\"nothing\": null}", "nothing"),
        Map.entry("{\"none\": []}", "none"),
        Map.entry("{\"year\": {\"gte\": 1, \"gt\": 0}}", "year"),
        Map.entry("{\"n\": {\"lt\": 1, \"lte\": 0}}", "n"),
        Map.entry("{\"op\": {\"eq\": 1}}", "op"),
        Map.entry("{\"blank\": {}}", "blank"),
        Map.entry("{\"text\": {\"gte\": \"1990\"}}", "text"),
        Map.entry("{\"upside\": {\"gte\": 2000, \"lte\": 1990}}", "upside"),
        Map.entry("{\"huge\": 1e999}", "huge"),
        Map.entry("{\"bad name\": \"x\"}", "bad name"));
    cases.forEach((text, field) -> {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FieldFilter.parse(json(text)), text);
      assertTrue(e.getMessage().contains("'" + field + "'"), text + " -> " + e.getMessage());
    });
    assertThrows(IllegalArgumentException.class, () -> FieldFilter.parse(json("[\"en\"]")));
  }

  @Test
  void filtersMatchWhatBruteForceFinds() throws IOException {
    long seed = FieldsTesting.seed("FieldFilterTest.filtersMatchWhatBruteForceFinds");
    Random random = new Random(seed);
    for (int round = 0; round < 10; round++) {
      List<Map<String, FieldValue>> docs = FieldsTesting.randomDocs(random, random.nextInt(500));
      FieldIndex index = FieldsTesting.write(dir.resolve("fields-" + round + ".lsr"), docs);
      for (int q = 0; q < 50; q++) {
        List<FieldCondition> conditions = new ArrayList<>();
        for (int c = random.nextInt(4); c > 0; c--) {
          conditions.add(FieldsTesting.randomCondition(random));
        }
        assertEquals(bruteForce(docs, conditions), new FieldFilter(conditions).matching(index),
            "seed " + seed + ", round " + round + ", " + conditions);
      }
    }
  }

  @Test
  void conditionMustFitTheFieldsType() throws IOException {
    FieldIndex index = FieldsTesting.write(dir.resolve("fields.lsr"), List.of(Map.of(
        "lang", new FieldValue.Text("en"),
        "tags", new FieldValue.Keywords(List.of("a")),
        "year", new FieldValue.Number(1999))));
    assertRefused(index, "{\"year\": 1999, \"lang\": {\"gte\": 1}}",
        "field 'lang' holds strings; a range needs a number field");
    assertRefused(index, "{\"tags\": 3}", "field 'tags' holds keyword lists; a range needs a number field");
    assertRefused(index, "{\"year\": \"1999\"}", "field 'year' holds numbers");
    // Refused even where an earlier condition already left nothing to match.
    assertRefused(index, "{\"lang\": \"fr\", \"tags\": {\"lt\": 1}}", "field 'tags' holds keyword lists");
    assertEquals(RoaringBitmap.bitmapOf(0), FieldFilter.parse(json("{\"year\": 1999, \"lang\": \"en\"}")).matching(index));
  }

  private static void assertRefused(FieldIndex index, String where, String message) {
    FieldFilter filter = FieldFilter.parse(json(where));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> filter.matching(index), where);
    assertTrue(e.getMessage().contains(message), where + " -> " + e.getMessage());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
