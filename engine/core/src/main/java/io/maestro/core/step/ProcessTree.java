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
     * Kills every process left in the session {@code sessionId} (a step's shell runs as a session
     * leader): background processes that outlived the shell, which no parent-child walk finds any
     * more because they were re-parented. Linux only (reads /proc); elsewhere it does nothing.
     */
    public static void killSession(long sessionId) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return;
        var left = new ArrayList<ProcessHandle>();
        try (var entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[3]) == sessionId) { // state ppid pgrp session
                        ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(left::add);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return;
        }
        for (ProcessHandle p : left) kill(p);
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
