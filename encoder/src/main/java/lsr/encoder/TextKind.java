package lsr.encoder;

/**
 * Whether a text is a query or a passage (document). Encoders treat them differently: uniCOIL sums
 * repeated query tokens but keeps the maximum for documents, dense models add different prefixes.
 */
public enum TextKind {
  QUERY,
  PASSAGE
}
