package lsr.index.store;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Hints to the kernel about a mapped index file, through {@code madvise(2)} by the foreign function
 * API; best effort: where the call is missing (not Linux) or refused, nothing happens.
 *
 * <ul>
 *   <li>{@code MADV_HUGEPAGE}: pages the file brings in come as 2 MiB folios, mapped as huge pages,
 *       so the random document reads of a search miss the TLB far less;
 *   <li>{@code MADV_WILLNEED}: the kernel starts reading the file in the background, so the first
 *       searches do not wait on page faults one 4 KiB page at a time.
 * </ul>
 */
final class MemoryAdvice {

  private static final int MADV_WILLNEED = 3;
  private static final int MADV_HUGEPAGE = 14;
  private static final MethodHandle MADVISE = lookup();

  private MemoryAdvice() {}

  /** Advises the kernel that {@code mapping} (a whole page-aligned mapping) will be searched. */
  static void forSearch(MemorySegment mapping) {
    if (MADVISE == null || mapping.byteSize() == 0) {
      return;
    }
    advise(mapping, MADV_HUGEPAGE);
    advise(mapping, MADV_WILLNEED);
  }

  private static void advise(MemorySegment mapping, int advice) {
    try {
      int ignored = (int) MADVISE.invokeExact(mapping, mapping.byteSize(), advice);
    } catch (Throwable e) {
      // A hint only: the mapping works the same without it.
    }
  }

  private static MethodHandle lookup() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return null;
    }
    try {
      Linker linker = Linker.nativeLinker();
      return linker.defaultLookup().find("madvise")
          .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(
              ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
          .orElse(null);
    } catch (RuntimeException e) {
      return null; // native access refused (--illegal-native-access=deny): no hints
    }
  }
}
