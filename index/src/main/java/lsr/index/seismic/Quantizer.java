package lsr.index.seismic;

/**
 * 8-bit quantization of one summary: weight = min + code × step, code in 0..255. Codes round up,
 * and the step is nudged until the largest value is covered, so a dequantized weight is never below
 * the value it encodes: a summary score computed with the same float operations as the search
 * kernel stays an upper bound of every document score in the block (for lossless summaries).
 */
record Quantizer(float min, float step) {

  static final int LEVELS = 255;

  static Quantizer of(float[] values, int n) {
    float min = Float.POSITIVE_INFINITY;
    float max = 0f;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    if (n == 0) {
      return new Quantizer(0f, 0f);
    }
    float step = (max - min) / LEVELS;
    while (min + LEVELS * step < max) {
      step = Math.nextUp(step);
    }
    return new Quantizer(min, step);
  }

  /** The smallest code whose weight is at least {@code value}. */
  int code(float value) {
    if (step == 0f) {
      return 0;
    }
    int code = (int) Math.min(LEVELS, Math.max(0, Math.ceil((value - min) / step)));
    while (code < LEVELS && min + code * step < value) {
      code++;
    }
    return code;
  }

  float weight(int code) {
    return min + code * step;
  }
}
