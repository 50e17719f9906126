package lsr.query.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lsr.index.collection.CommitPoint;
import lsr.index.collection.SegmentInfo;

/** A collection as the API describes it: counts, segments, size, settings, pipelines. */
final class CollectionInfo {

  private CollectionInfo() {}

  static ObjectNode of(String name, CollectionService service) {
    CommitPoint c = service.commit();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", name);
    o.put("documents", c.documents());
    o.put("generation", c.generation());
    o.put("bytes", c.bytes());
    ArrayNode segments = o.putArray("segments");
    for (SegmentInfo s : c.segments()) {
      ObjectNode n = segments.addObject();
      n.put("name", s.name());
      n.put("documents", s.documents());
      n.put("deleted", s.deleted());
      n.put("bytes", s.bytes());
    }
    o.set("settings", c.settings().toJson());
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
