package lsr.index.seismic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeismicConfigTest {

  @Test
  void autoListSizeGrowsWithTheCollectionAboveAFloor() {
    SeismicConfig auto = SeismicConfig.DEFAULTS;
    assertEquals(SeismicConfig.AUTO_N_POSTINGS, auto.nPostings(), "the default derives the list size");
    // 200k documents of 175 entries over 30k lists: lists of ~1170, a tenth is below the floor.
    assertEquals(SeismicConfig.AUTO_MIN_POSTINGS, auto.postingsPerList(35_000_000L, 30_000, 1));
    // MS MARCO-like: 8.8M passages of ~130 entries over 30k lists: lists of ~38k, a tenth kept.
    assertEquals(3813, auto.postingsPerList(8_800_000L * 130, 30_000, 1));
    assertEquals(SeismicConfig.AUTO_MIN_POSTINGS, auto.postingsPerList(0, 0, 1), "an empty collection");
    assertEquals(700, auto.withNPostings(700).postingsPerList(8_800_000L * 130, 30_000, 1), "a given size is kept");
  }

  @Test
  void aSegmentKeepsItsShareOfTheCollectionsBudget() {
    SeismicConfig auto = SeismicConfig.DEFAULTS;
    // A tenth of the 200k collection above: its lists average ~117, and it keeps a tenth of the floor.
    assertEquals(SeismicConfig.AUTO_MIN_POSTINGS / 10, auto.postingsPerList(3_500_000L, 30_000, 0.1));
    // A tenth of MS MARCO: a tenth of the average list, the same tenth of the budget.
    assertEquals(381, auto.postingsPerList(880_000L * 130, 30_000, 0.1));
    assertEquals(70, auto.withNPostings(700).postingsPerList(880_000L * 130, 30_000, 0.1));
    assertEquals(1, auto.withNPostings(700).postingsPerList(10, 10, 1e-6), "never below one posting");
    assertThrows(IllegalArgumentException.class, () -> auto.postingsPerList(10, 10, 0));
  }

  @Test
  void listSizeIsWrittenAsANumberOrAuto() {
    assertEquals("auto", SeismicConfig.DEFAULTS.toMap().get("nPostings"));
    assertEquals(SeismicConfig.DEFAULTS, SeismicConfig.fromMap(SeismicConfig.DEFAULTS.toMap()));
    SeismicConfig fixed = SeismicConfig.DEFAULTS.withNPostings(1200);
    assertEquals(1200, fixed.toMap().get("nPostings"));
    assertEquals(fixed, SeismicConfig.fromMap(Map.of("nPostings", "1200")));
    assertEquals(SeismicConfig.DEFAULTS, SeismicConfig.fromMap(Map.of("nPostings", "AUTO")));
    for (String bad : new String[] {"0", "-3", "many"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SeismicConfig.parseNPostings(bad), bad);
      assertTrue(e.getMessage().contains("auto"), e.getMessage());
    }
  }

  @Test
  void cacheKeySpellsOutTheAutoRuleButNotForAGivenSize() {
    String auto = SeismicConfig.DEFAULTS.cacheKey();
    assertTrue(auto.contains("atLeast" + SeismicConfig.AUTO_MIN_POSTINGS), auto);
    assertTrue(auto.contains(SeismicConfig.AUTO_POSTINGS_SHARE + "xAverageList"), auto);
    SeismicConfig fixed = SeismicConfig.DEFAULTS.withNPostings(1200);
    assertEquals(fixed.toString(), fixed.cacheKey(), "a given size depends on no rule");
  }
}
