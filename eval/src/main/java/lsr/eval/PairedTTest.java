package lsr.eval;

/**
 * Student's paired t-test, two-sided: is the mean of per-query differences between two systems
 * distinguishable from zero? The p-value comes from the t distribution with n - 1 degrees of freedom,
 * through the regularized incomplete beta function: p = I_{df / (df + t²)}(df / 2, 1 / 2).
 */
public final class PairedTTest {

  private PairedTTest() {}

  /**
   * The two-sided p-value of the paired differences {@code a[i] - b[i]}: 1 when there are fewer than
   * two pairs or every difference is 0; 0 when the differences are all equal and not 0.
   *
   * @throws IllegalArgumentException when the arrays differ in length
   */
  public static double pValue(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired samples differ in size: " + a.length + " vs " + b.length);
    }
    int n = a.length;
    if (n < 2) {
      return 1.0;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += a[i] - b[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - b[i] - mean;
      squares += d * d;
    }
    double sd = Math.sqrt(squares / (n - 1));
    if (sd == 0) {
      return mean == 0 ? 1.0 : 0.0;
    }
    double t = mean / (sd / Math.sqrt(n));
    return twoSidedP(t, n - 1);
  }

  /** P(|T| >= |t|) for Student's T with {@code df} degrees of freedom. */
  static double twoSidedP(double t, double df) {
    return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  }

  /** I_x(a, b), by the continued fraction (Lentz's method) on the side where it converges fast. */
  static double regularizedIncompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  private static double continuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 500; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 / nonZero(1 + even * d, tiny);
      c = nonZero(1 + even / c, tiny);
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 / nonZero(1 + odd * d, tiny);
      c = nonZero(1 + odd / c, tiny);
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  private static double nonZero(double v, double tiny) {
    return Math.abs(v) < tiny ? tiny : v;
  }

  /** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error below 1e-15). */
  static double logGamma(double x) {
    final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double sum = c[0];
    for (int i = 1; i < 9; i++) {
      sum += c[i] / (x + i);
    }
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
