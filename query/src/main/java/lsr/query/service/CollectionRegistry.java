package lsr.query.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lsr.data.Document;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionLockedException;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;

/**
 * The named collections one server holds: every collection folder of a data folder under its folder's
 * name ({@code lsr serve --data}), or a single folder ({@code lsr serve --index}). Creates, deletes
 * and writes collections; each collection's writer is opened on its first write and kept (so the
 * server is then the collection's one writer). Collections written by another process are picked
 * up within a second. Thread-safe.
 */
public final class CollectionRegistry implements AutoCloseable {

  /** A collection's name: what its folder is called. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final String HOLDER = "lsr serve";

  /** What one write did. */
  public record WriteResult(List<String> outcomes, long generation) {}

  private final Path data;
  private final CollectionService.Options options;
  private final CollectionWriter.Options writerOptions;
  private final PrintWriter log;
  private final Map<String, CollectionService> services = new TreeMap<>();
  private final String fixedDefault;
  private final ScheduledExecutorService refresher;

  private CollectionRegistry(Path data, CollectionService.Options options, CollectionWriter.Options writerOptions,
      PrintWriter log, String fixedDefault) {
    this.data = data;
    this.options = options;
    this.writerOptions = writerOptions;
    this.log = log;
    this.fixedDefault = fixedDefault;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lsr-refresh");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(this::refreshAll, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Serves every collection folder in {@code data} (created when missing).
   *
   * @param defaultName the collection {@code /v1/search} answers from, or null: the first by name
   */
  public static CollectionRegistry ofDataFolder(Path data, String defaultName, CollectionService.Options options,
      CollectionWriter.Options writerOptions, PrintWriter log) throws IOException {
    Files.createDirectories(data);
    CollectionRegistry r = new CollectionRegistry(data, options, writerOptions, log, defaultName);
    try (Stream<Path> entries = Files.list(data)) {
      for (Path folder : entries.sorted().toList()) {
        if (Files.isDirectory(folder) && CollectionFormat.isCollection(folder)) {
          r.services.put(folder.getFileName().toString(), CollectionService.open(folder, options, log));
        }
      }
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
    if (defaultName != null && !r.services.containsKey(defaultName)) {
      r.close();
      throw new IllegalArgumentException("no collection '" + defaultName + "' in " + data + "; it holds "
          + r.services.keySet());
    }
    return r;
  }

  /** Serves one collection folder under its folder's name; collections cannot be created or deleted. */
  public static CollectionRegistry ofFolder(Path folder, CollectionService.Options options,
      CollectionWriter.Options writerOptions, PrintWriter log) throws IOException {
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    CollectionRegistry r = new CollectionRegistry(null, options, writerOptions, log, name);
    try {
      r.services.put(name, CollectionService.open(folder, options, log));
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** Names of the collections, sorted. */
  public synchronized List<String> names() {
    return List.copyOf(services.keySet());
  }

  /** The name of the collection {@code /v1/search} answers from, or null when there is none. */
  public synchronized String defaultName() {
    if (fixedDefault != null && services.containsKey(fixedDefault)) {
      return fixedDefault;
    }
    return services.isEmpty() ? null : services.keySet().iterator().next();
  }

  /**
   * The collection called {@code name}.
   *
   * @throws ServiceException (not found) when there is none
   */
  public synchronized CollectionService get(String name) {
    CollectionService s = services.get(name);
    if (s == null) {
      throw ServiceException.notFound("unknown_collection", "no collection called '" + name + "'; collections: "
          + services.keySet());
    }
    return s;
  }

  /** The default collection. @throws ServiceException (not found) when there is none */
  public CollectionService defaultCollection() {
    return get(requireDefaultName());
  }

  /** The name of the default collection. @throws ServiceException (not found) when there is none */
  public String requireDefaultName() {
    String name = defaultName();
    if (name == null) {
      throw ServiceException.notFound("no_collection", "this server holds no collection yet; create one with"
          + " PUT /v1/collections/{name}");
    }
    return name;
  }

  /**
   * Creates collection {@code name} with {@code settings} in the data folder.
   *
   * @throws ServiceException when the name is invalid, taken, or the server serves a single folder
   */
  public synchronized CollectionService create(String name, CollectionSettings settings) throws IOException {
    if (data == null) {
      throw ServiceException.invalid("single_collection", "this server serves one collection folder (--index);"
          + " start it with --data <folder> to create collections");
    }
    checkName(name);
    Path folder = data.resolve(name);
    if (services.containsKey(name) || Files.exists(folder)) {
      throw ServiceException.conflict("collection_exists", "a collection or folder called '" + name + "' exists");
    }
    Collection collection = Collection.create(folder, settings, null);
    CollectionService service;
    try {
      service = CollectionService.of(collection, options, log);
    } catch (IOException | RuntimeException e) {
      collection.close();
      Collection.destroy(folder);
      throw e;
    }
    services.put(name, service);
    return service;
  }

  /** Deletes collection {@code name} and its folder. */
  public synchronized void delete(String name) throws IOException {
    if (data == null) {
      throw ServiceException.invalid("single_collection", "this server serves one collection folder (--index);"
          + " it cannot be deleted through the API");
    }
    CollectionService s = get(name);
    services.remove(name);
    Path folder = s.collection().folder();
    s.close();
    try {
      Collection.destroy(folder);
    } catch (CollectionLockedException e) {
      // Another process writes it: it stays, and is served again.
      services.put(name, CollectionService.open(folder, options, log));
      throw ServiceException.conflict("collection_locked", e.getMessage());
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw ServiceException.invalid("invalid_name", "collection name '" + name + "' is not valid: use 1 to 64"
          + " letters, digits, '_', '-' or '.', starting with a letter or digit");
    }
  }

  /**
   * Adds (or replaces, by id) documents in collection {@code name}, encoding what they lack, and
   * commits them: they are durable and searchable when this returns. Every document is checked
   * before the first is added, so a refused request writes nothing.
   *
   * @return per document {@code created} or {@code updated}, and the commit generation
   * @throws ServiceException (invalid) for a field whose type differs from the collection's, naming
   *     the document; (conflict) when another writer holds the collection
   */
  public WriteResult add(String name, List<DocumentEncoders.Incoming> documents) throws IOException {
    CollectionService s = get(name);
    // The writer first: a collection another process writes is refused before any encoding.
    CollectionWriter w = writer(s);
    List<IndexedDocument> ready = s.encoders().encode(documents, Runtime.getRuntime().availableProcessors());
    List<String> outcomes = new ArrayList<>(ready.size());
    long generation;
    synchronized (w) {
      checkFields(w.settings(), ready);
      for (IndexedDocument d : ready) {
        outcomes.add(w.add(d).name().toLowerCase(java.util.Locale.ROOT));
      }
      generation = w.commit(null);
    }
    return new WriteResult(outcomes, generation);
  }

  /** Refuses the documents when one gives a field another type than the collection (or an earlier one) does. */
  private static void checkFields(CollectionSettings settings, List<IndexedDocument> documents) {
    try {
      for (IndexedDocument d : documents) {
        settings = settings.withFieldsOf(d.id(), d.document().fields());
      }
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("invalid_document", e.getMessage());
    }
  }

  /** The live document {@code id} of collection {@code name}. @throws ServiceException (not found) */
  public Document document(String name, String id) {
    CollectionService s = get(name);
    try (var snapshot = s.collection().acquire()) {
      Document d = snapshot.document(id);
      if (d == null) {
        throw ServiceException.notFound("unknown_document", "collection '" + name + "' has no document '" + id + "'");
      }
      return d;
    }
  }

  /** Deletes document {@code id} of collection {@code name} and commits. @return the generation */
  public long deleteDocument(String name, String id) throws IOException {
    CollectionWriter w = writer(get(name));
    synchronized (w) {
      if (!w.delete(id)) {
        throw ServiceException.notFound("unknown_document", "collection '" + name + "' has no document '" + id + "'");
      }
      return w.commit(null);
    }
  }

  /** The collection's writer, opened on first use. */
  private CollectionWriter writer(CollectionService s) throws IOException {
    synchronized (s) {
      CollectionWriter w = s.writer();
      if (w != null) {
        return w;
      }
      try {
        return s.openWriter(HOLDER, writerOptions);
      } catch (CollectionLockedException e) {
        throw ServiceException.conflict("collection_locked", e.getMessage());
      }
    }
  }

  /** Picks up commits other processes made to collections this server does not write. */
  private void refreshAll() {
    List<CollectionService> all;
    synchronized (this) {
      all = List.copyOf(services.values());
    }
    for (CollectionService s : all) {
      if (s.writer() == null) {
        try {
          s.collection().refresh();
        } catch (IOException | RuntimeException e) {
          log.println("lsr: cannot refresh " + s.collection().folder() + ": " + e.getMessage());
          log.flush();
        }
      }
    }
  }

  /** Stops refreshing and closes every collection (writers drop nothing committed). */
  @Override
  public synchronized void close() throws IOException {
    refresher.shutdownNow();
    IOException failure = null;
    for (CollectionService s : services.values()) {
      try {
        s.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    services.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Collection {@code name}: counts, segments, size, settings, pipelines. */
  public ObjectNode describe(String name) {
    return CollectionInfo.of(name, get(name));
  }

  /** Every collection, by name: its live documents and whether it is the default. */
  public synchronized List<ObjectNode> list() {
    String defaultName = defaultName();
    List<ObjectNode> all = new ArrayList<>(services.size());
    services.forEach((name, s) -> all.add(CollectionInfo.summary(name, s, name.equals(defaultName))));
    return all;
  }
}
