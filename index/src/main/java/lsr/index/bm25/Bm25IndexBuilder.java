package lsr.index.bm25;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import lsr.data.Document;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Builds a Lucene index for BM25 from a stream of documents: the searchable field is the title and
 * the text together; id, title and text are stored so results can be shown. The analyzer is
 * recorded in the index's commit data, so {@link Bm25Index} analyzes queries the same way.
 */
public final class Bm25IndexBuilder {

  /** Commit-data keys that identify an lsr BM25 index. */
  static final String FORMAT_KEY = "lsr.format";
  static final String FORMAT = "bm25-v2";
  static final String ANALYZER_KEY = "lsr.analyzer";
  static final String DOCUMENTS_KEY = "lsr.documents";

  static final String ID = "id";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String CONTENTS = "contents";

  private static final double RAM_BUFFER_MB = 256;

  private Bm25IndexBuilder() {}

  /**
   * Indexes every document of {@code documents} into {@code folder}, replacing any index there.
   *
   * @return the number of documents indexed
   * @throws IllegalArgumentException when a document id occurs twice (its second copy would make
   *     runs ambiguous)
   */
  public static long build(Path folder, Iterator<Document> documents, TextAnalyzer analyzer) throws IOException {
    long count = 0;
    try (Directory dir = FSDirectory.open(folder); Analyzer a = analyzer.newAnalyzer()) {
      IndexWriterConfig config = new IndexWriterConfig(a)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setRAMBufferSizeMB(RAM_BUFFER_MB);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        StringField id = new StringField(ID, "", Field.Store.YES);
        // Doc values give the ids of a thousand hits without decompressing stored-field blocks.
        SortedDocValuesField idValue = new SortedDocValuesField(ID, new BytesRef());
        StoredField title = new StoredField(TITLE, "");
        StoredField text = new StoredField(TEXT, "");
        TextField contents = new TextField(CONTENTS, "", Field.Store.NO);
        doc.add(id);
        doc.add(idValue);
        doc.add(title);
        doc.add(text);
        doc.add(contents);
        while (documents.hasNext()) {
          Document d = documents.next();
          id.setStringValue(d.id());
          idValue.setBytesValue(new BytesRef(d.id()));
          title.setStringValue(d.title());
          text.setStringValue(d.text());
          contents.setStringValue(d.title().isEmpty() ? d.text() : d.title() + "\n" + d.text());
          writer.addDocument(doc);
          count++;
        }
        writer.forceMerge(1);
        writer.setLiveCommitData(Map.of(
            FORMAT_KEY, FORMAT, ANALYZER_KEY, analyzer.id(), DOCUMENTS_KEY, Long.toString(count)).entrySet());
        writer.commit();
      }
      checkUniqueIds(dir);
    }
    return count;
  }

  private static void checkUniqueIds(Directory dir) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms ids = leaf.reader().terms(ID);
        if (ids == null) {
          continue;
        }
        TermsEnum it = ids.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
          if (it.docFreq() > 1) {
            throw new IllegalArgumentException("document id '" + term.utf8ToString() + "' occurs "
                + it.docFreq() + " times in the collection; ids must be unique");
          }
        }
      }
    }
  }
}
