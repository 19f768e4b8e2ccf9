package io.maestro.core.step;

import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kills a process with all its descendants (collected before the kill, so none escapes by
 * re-parenting), then waits briefly until they are gone: a step reported as killed has no
 * process left behind.
 */
public final class ProcessTree {
    private static final long WAIT_MILLIS = 5_000;

    private ProcessTree() { }

    public static void kill(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        all.add(root);
        all.addAll(tree);
        // a descendant may have forked between the snapshot and the kill
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> late = new ArrayList<>();
            for (ProcessHandle p : tree) p.descendants().forEach(late::add);
            if (late.isEmpty()) break;
            late.forEach(ProcessHandle::destroyForcibly);
            all.addAll(late);
            tree = late;
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        for (ProcessHandle p : all) {
            while (isRunning(p.pid()) && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * True while the process exists and is not a zombie. Killed orphans are re-parented to PID 1,
     * which in a container may never reap them; a zombie runs nothing and holds nothing but its pid.
     */
    public static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return false;
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return Files.exists(stat); // no procfs: trust isAlive above
        }
    }
}
