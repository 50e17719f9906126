package lsr.index.seismic;

/** How the forward index stores document weights. */
public enum ValueType {
  /** 32-bit floats: exact weights, 4 bytes each. */
  F32(Float.BYTES),
  /** IEEE half precision: 11 significant bits, 2 bytes each, weights up to 65504. */
  F16(Short.BYTES);

  private final int bytes;

  ValueType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ValueType parse(String text) {
    for (ValueType v : values()) {
      if (v.cliName().equalsIgnoreCase(text)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown value type '" + text + "': use f16 or f32");
  }
}
