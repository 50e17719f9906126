package lsr.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A corpus of real English technical prose that every JDK carries: the Javadoc comments of its
 * {@code lib/src.zip}, one document per documented type, method, constructor, field or package.
 * Streamed one source file at a time.
 *
 * <ul>
 *   <li>id: {@code java.util.List}, {@code java.util.List#add(int,E)}, {@code java.util.List#EMPTY}
 *       (a repeated id, from overloads that differ only in generics, gets {@code ~2}, {@code ~3});
 *   <li>title: {@code List (java.util)} for a type, {@code List#add(int, E)} for a member, {@code
 *       package java.util} for a package;
 *   <li>text: the comment as plain prose ({@link JavadocText}).
 * </ul>
 *
 * Internal packages ({@code sun.*}, {@code *.internal.*}) and comments without prose (only
 * {@code {@inheritDoc}} or tags) are left out.
 */
public final class JavadocCorpus implements RecordReader<Document> {

  private final ZipFile zip;
  private final Enumeration<? extends ZipEntry> entries;
  private final Deque<Document> pending = new ArrayDeque<>();
  private final Map<String, Integer> seenIds = new HashMap<>();

  private JavadocCorpus(ZipFile zip) {
    this.zip = zip;
    this.entries = zip.entries();
  }

  /** The {@code lib/src.zip} of the running JDK. */
  public static Path runningJdkSources() {
    return Path.of(System.getProperty("java.home"), "lib", "src.zip");
  }

  /**
   * Opens a JDK source archive ({@code module/package/path/Type.java} entries).
   *
   * @throws NoSuchFileException when it is missing, with a hint (some JDK packages leave it out)
   */
  public static JavadocCorpus open(Path srcZip) throws IOException {
    if (!Files.isRegularFile(srcZip)) {
      throw new NoSuchFileException(srcZip.toString(), null,
          "JDK source archive not found; install a full JDK (with lib/src.zip, e.g. Temurin) or choose another corpus");
    }
    return new JavadocCorpus(new ZipFile(srcZip.toFile(), StandardCharsets.UTF_8));
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String path = entry.getName();
      if (entry.isDirectory() || !path.endsWith(".java") || path.endsWith("module-info.java")) {
        continue;
      }
      String pkg = packageOf(path);
      if (pkg.startsWith("sun.") || pkg.contains(".internal") || pkg.startsWith("jdk.internal")) {
        continue;
      }
      String source;
      try (InputStream in = zip.getInputStream(entry)) {
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + path + " in " + zip.getName(), e);
      }
      addDocuments(pkg, path.endsWith("package-info.java"), source);
    }
    return !pending.isEmpty();
  }

  @Override
  public Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more documents in " + zip.getName());
    }
    return pending.poll();
  }

  private void addDocuments(String pkg, boolean packageInfo, String source) {
    if (packageInfo) {
      int start = source.indexOf("/**");
      int end = start < 0 ? -1 : source.indexOf("*/", start);
      if (end > 0) {
        add(pkg, "package " + pkg, source.substring(start, end + 2));
      }
      return;
    }
    for (JavadocParser.Documented d : JavadocParser.parse(source)) {
      String owner = d.owner().isEmpty() ? "" : d.owner() + ".";
      switch (d.kind()) {
        case TYPE -> add(qualified(pkg, owner + d.name()), owner + d.name() + " (" + pkg + ")", d.comment());
        case METHOD -> add(qualified(pkg, d.owner()) + "#" + d.name() + "(" + d.parameters().replace(" ", "") + ")",
            d.owner() + "#" + d.name() + "(" + d.parameters() + ")", d.comment());
        case FIELD -> add(qualified(pkg, d.owner()) + "#" + d.name(), d.owner() + "#" + d.name(), d.comment());
      }
    }
  }

  private void add(String id, String title, String comment) {
    String text = JavadocText.clean(comment);
    if (text.isEmpty()) {
      return;
    }
    int seen = seenIds.merge(id, 1, Integer::sum);
    pending.add(new Document(seen == 1 ? id : id + "~" + seen, title, text));
  }

  private static String qualified(String pkg, String name) {
    return pkg.isEmpty() ? name : pkg + "." + name;
  }

  /** {@code java.base/java/util/List.java} is in package {@code java.util}. */
  private static String packageOf(String path) {
    int module = path.indexOf('/');
    int file = path.lastIndexOf('/');
    return file <= module ? "" : path.substring(module + 1, file).replace('/', '.');
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
