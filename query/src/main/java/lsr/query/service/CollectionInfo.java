package lsr.query.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A collection as the API describes it: counts, segments, size, settings, pipelines. */
final class CollectionInfo {

  private CollectionInfo() {}

  static ObjectNode of(String name, CollectionService service) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    o.setAll(service.commit().describe(false));
    o.putPOJO("pipelines", service.search().pipelines());
    return o;
  }

  /** A line of the collection list: name, live documents, whether it is the default. */
  static ObjectNode summary(String name, CollectionService service, boolean isDefault) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    o.put("documents", service.commit().documents());
    o.put("default", isDefault);
    return o;
  }
}
