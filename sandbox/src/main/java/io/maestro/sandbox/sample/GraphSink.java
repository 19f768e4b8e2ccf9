package io.maestro.sandbox.sample;

import java.util.Map;

/** Where the generator's nodes and relationships go. Every node comes before every relationship. */
interface GraphSink {
    void node(NodeLabel label, Map<String, Object> properties);

    void relationship(RelType type, NodeLabel from, String fromId, NodeLabel to, String toId, Map<String, Object> properties);
}
