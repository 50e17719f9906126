package lsr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairedTTestTest {

  @Test
  void matchesTabulatedCriticalValues() {
    // Two-sided 5 % and 1 % critical values of Student's t (standard tables).
    assertEquals(0.05, PairedTTest.twoSidedP(12.706, 1), 1e-4);
    assertEquals(0.05, PairedTTest.twoSidedP(2.228, 10), 1e-4);
    assertEquals(0.01, PairedTTest.twoSidedP(3.169, 10), 1e-4);
    assertEquals(0.05, PairedTTest.twoSidedP(1.984, 100), 1e-4);
    assertEquals(1.0, PairedTTest.twoSidedP(0, 7), 1e-12);
    assertEquals(PairedTTest.twoSidedP(2.5, 12), PairedTTest.twoSidedP(-2.5, 12), 1e-15);
  }

  @Test
  void logGammaOfIntegersIsLogFactorial() {
    assertEquals(Math.log(24), PairedTTest.logGamma(5), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), PairedTTest.logGamma(0.5), 1e-12);
  }

  @Test
  void pairedSamplesByHand() {
    // Differences 1, 2, 3, 4, 5 minus 0: mean 3, sd sqrt(2.5), t = 3 / (sqrt(2.5) / sqrt(5)) = 4.2426, df 4.
    double[] a = {1, 2, 3, 4, 5};
    double[] b = {0, 0, 0, 0, 0};
    assertEquals(PairedTTest.twoSidedP(3 / Math.sqrt(2.5 / 5), 4), PairedTTest.pValue(a, b), 1e-12);
    assertEquals(0.01324, PairedTTest.pValue(a, b), 1e-4);
    assertEquals(1.0, PairedTTest.pValue(a, a));
    assertEquals(0.0, PairedTTest.pValue(new double[] {2, 3}, new double[] {1, 2}));
    assertEquals(1.0, PairedTTest.pValue(new double[] {2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> PairedTTest.pValue(a, new double[] {1}));
  }
}
