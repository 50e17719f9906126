package lsr.index.simd;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernel implementation once, at class initialization: the Vector API when the
 * {@code jdk.incubator.vector} module is present and the hardware has vectors of 8 floats or more,
 * otherwise the scalar reference with one warning. The system property {@code lsr.simd=false}
 * forces the scalar path (the test suite runs once each way).
 */
public final class KernelProvider {

  /** System property that, set to {@code false}, forces the scalar kernels. */
  public static final String SIMD_PROPERTY = "lsr.simd";

  private static final boolean SIMD = decide();

  private KernelProvider() {}

  /** A new kernel instance for one thread (the SIMD kernels hold scratch space). */
  public static Kernels newKernels() {
    return SIMD ? new PanamaKernels() : new ScalarKernels();
  }

  /** Whether {@link #newKernels} returns SIMD kernels. */
  public static boolean simd() {
    return SIMD;
  }

  /** The SIMD kernels regardless of the choice, for tests and benchmarks that compare both. */
  public static Kernels simdKernels() {
    if (!vectorModulePresent() || !PanamaKernels.supported()) {
      throw new UnsupportedOperationException("the Vector API is not usable on this JVM or hardware");
    }
    return new PanamaKernels();
  }

  /** Whether {@link #simdKernels} can be called. */
  public static boolean simdAvailable() {
    return vectorModulePresent() && PanamaKernels.supported();
  }

  private static boolean decide() {
    if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY))) {
      return false;
    }
    var log = System.getLogger(KernelProvider.class.getName());
    if (!vectorModulePresent()) {
      log.log(
          Level.WARNING,
          "jdk.incubator.vector is not enabled: using scalar kernels."
              + " Start java with --add-modules jdk.incubator.vector for SIMD.");
      return false;
    }
    if (!PanamaKernels.supported()) {
      log.log(Level.WARNING, "vectors narrower than 8 floats: using scalar kernels");
      return false;
    }
    return true;
  }

  private static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }
}
