package lsr.index.fields;

import lsr.data.FieldType;

/**
 * The layout of a segment's metadata field index, {@code fields.lsr}: one file in the container of
 * {@link lsr.index.store.IndexFile} (kind {@code FLDS}). Little-endian; {@link FieldIndex#open}
 * loads it whole into the heap, so nothing is padded.
 *
 * <pre>
 * Body        := Docs:i32 FieldCount:i32 Field[FieldCount]      fields by ascending name
 * Field       := NameLength:u8 Name:byte[NameLength] Type:u8 Column
 *   Name      ASCII, a valid field name ({@link lsr.data.FieldValue#checkName})
 *   Type      0 string, 1 number, 2 keywords
 * Column      := TermColumn                                     for string and keywords fields
 *              | NumberColumn                                   for number fields
 * TermColumn  := Terms:i32 Term[Terms]                          distinct terms, ascending in
 *                                                               Java String order (UTF-16 units)
 * Term        := Utf8Length:i32 Utf8:byte[Utf8Length] BitmapLength:i32 Bitmap:byte[BitmapLength]
 *   Bitmap    the docs holding the term (the string, or one of the keywords), as
 *             RoaringBitmap.serialize writes it; never empty, every doc below Docs
 * NumberColumn := Pairs:i32 Values:f64[Pairs] Docs:i32[Pairs]
 *   Pairs     one per doc having the field (so at most Docs), ascending by value, equal
 *             values (-0.0 and 0.0 among them) by doc; Values finite, Docs below Docs
 * </pre>
 *
 * A doc lacking a field appears in none of its column's entries; an empty keyword list still
 * fixes the field's type.
 */
final class FieldsFormat {

  private FieldsFormat() {}

  /** The code of {@code type} in the file. */
  static int code(FieldType type) {
    return switch (type) {
      case STRING -> 0;
      case NUMBER -> 1;
      case KEYWORDS -> 2;
    };
  }

  /** The type of {@code code}, or null for an unknown code. */
  static FieldType type(int code) {
    return switch (code) {
      case 0 -> FieldType.STRING;
      case 1 -> FieldType.NUMBER;
      case 2 -> FieldType.KEYWORDS;
      default -> null;
    };
  }
}
