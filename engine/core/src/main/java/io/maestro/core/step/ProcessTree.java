package io.maestro.core.step;

import java.util.ArrayList;
import java.util.List;

/** Kills a process with all its descendants, children first collected so none escapes by re-parenting. */
public final class ProcessTree {
    private ProcessTree() { }

    public static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        // a descendant may have forked between the snapshot and the kill
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> late = new ArrayList<>();
            for (ProcessHandle p : tree) p.descendants().forEach(late::add);
            if (late.isEmpty()) return;
            late.forEach(ProcessHandle::destroyForcibly);
            tree = late;
        }
    }
}
