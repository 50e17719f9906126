package lsr.index.seismic;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The on-disk layout of a Seismic index folder. Each structure is one file in the container of
 * {@link lsr.index.store.IndexFile} (header with magic, kind and version; footer with length and
 * CRC-32C); what follows is the grammar of each body. Little-endian; {@code Pad8} is zero bytes up
 * to the next multiple of 8 of the file offset; counts come from {@code meta.lsr}.
 *
 * <pre>
 * meta.lsr         kind META: UTF-8 lines "name=value": formatVersion, docs, dimension, entries,
 *                  postings, blocks, summaryEntries, maxBlocks, flatLists, then every
 *                  {@link SeismicConfig} knob by its Java name. With flatLists=true every list is
 *                  one block whose summary holds no entry: the block is evaluated whenever its
 *                  list is walked (small segments of a collection, built without clustering).
 *
 * doc-offsets.lsr  kind DOFF: Offsets:i64[docs + 1]        entries of document d are
 *                                                          [Offsets[d], Offsets[d + 1])
 * doc-terms.lsr    kind DTRM: Terms:u16[entries]            ascending within each document
 * doc-values.lsr   kind DVAL: Values:f32[entries] | f16[entries]   (valueType in meta)
 * doc-ids.lsr      kind DIDS: Utf8:byte[*] Pad8 IdOffsets:i64[docs + 1]
 *                                                          external id of d is
 *                                                          Utf8[IdOffsets[d], IdOffsets[d + 1])
 *
 * postings.lsr     kind POST: PostingList[dimension] Pad8 ListStarts:i64[dimension + 1]
 *   ListStarts     body offset of each term's PostingList; a term without postings has
 *                  ListStarts[t] == ListStarts[t + 1] (an empty record)
 *   PostingList    := Blocks:i32 Postings:i32 BlockStarts:i32[Blocks + 1] DocIds:i32[Postings] Pad8
 *   BlockStarts    block j holds postings [BlockStarts[j], BlockStarts[j + 1])
 *   DocIds         the dense id of each posting's document; its entries are found through
 *                  doc-offsets.lsr
 *
 * summaries.lsr    kind SUMM: ListSummaries[dimension] Pad8 ListStarts:i64[dimension + 1]
 *   ListSummaries  := Blocks:i32 Entries:i32 Mins:f32[Blocks] Steps:f32[Blocks]
 *                     SummaryStarts:i32[Blocks + 1] Components:u16[Entries] Codes:u8[Entries] Pad8
 *                  one summary per block of the term's list, stored like documents: summary s
 *                  holds entries [SummaryStarts[s], SummaryStarts[s + 1]), components ascending,
 *                  entry i of weight Mins[s] + Codes[i] * Steps[s], never below the weight of any
 *                  document of block s on that component
 * </pre>
 */
public final class SeismicFormat {

  /** Version of the folder layout; every file carries it and meta records it. */
  public static final int VERSION = lsr.index.store.FileKind.SEISMIC_META.version();

  static final String META = "meta.lsr";
  static final String DOC_OFFSETS = "doc-offsets.lsr";
  static final String DOC_TERMS = "doc-terms.lsr";
  static final String DOC_VALUES = "doc-values.lsr";
  static final String DOC_IDS = "doc-ids.lsr";
  static final String POSTINGS = "postings.lsr";
  static final String SUMMARIES = "summaries.lsr";

  static final String[] FILES = {META, DOC_OFFSETS, DOC_TERMS, DOC_VALUES, DOC_IDS, POSTINGS, SUMMARIES};

  /** The meta key saying the lists are flat (one block each, no summary). */
  static final String FLAT_LISTS = "flatLists";

  static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Largest term id a 16-bit component can hold. */
  static final int MAX_TERM = 0xFFFF;
  /** Longest document the builder's scratch holds (more distinct 16-bit terms cannot exist). */
  static final int MAX_DOC_LENGTH = 0xFFFF;

  private SeismicFormat() {}
}
