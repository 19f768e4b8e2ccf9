package io.maestro.core.event;

import io.maestro.api.event.MaestroEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's mailbox: events are handled one at a time, in publish order, on a virtual
 * thread, so a slow listener delays only itself and a throwing one is logged and counted.
 */
final class ListenerQueue {
    private static final Logger log = LoggerFactory.getLogger(ListenerQueue.class);

    private final String name;
    private final Object listener;
    private final ConcurrentLinkedQueue<MaestroEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Counter failures;
    private final Object idle = new Object();

    private volatile ListenerQueue predecessor;

    ListenerQueue(String name, Object listener, MeterRegistry metrics, ListenerQueue predecessor) {
        this.name = name;
        this.listener = listener;
        this.predecessor = predecessor;
        this.failures = metrics.counter("maestro.listener.failures", "listener", name);
    }

    void offer(MaestroEvent event) {
        pending.add(event);
        if (draining.compareAndSet(false, true)) Thread.ofVirtual().name("listener-" + name).start(this::run);
    }

    private void run() {
        ListenerQueue before = predecessor;
        if (before != null) { // a reloaded listener starts after the version it replaces has finished
            if (!before.drain(EventBus.DRAIN_LIMIT_MILLIS)) {
                log.error("listener {} starts while the version it replaces is still busy (hung?)", name);
            }
            predecessor = null;
        }
        while (true) {
            MaestroEvent event;
            while ((event = pending.poll()) != null) {
                try {
                    EventBus.dispatch(listener, event);
                } catch (Throwable t) {
                    failures.increment();
                    log.warn("listener {} failed on {} of run {}: {}", name, event.getClass().getSimpleName(),
                            event.runId(), t.toString());
                }
            }
            draining.set(false);
            synchronized (idle) {
                idle.notifyAll();
            }
            // an event offered between the last poll and the flag reset must not be stranded
            if (pending.isEmpty() || !draining.compareAndSet(false, true)) return;
        }
    }

    /** Waits until this listener has handled everything offered so far. */
    void drain() {
        drain(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code millis} for this listener to handle everything offered so far.
     *
     * @return false when it is still busy (a hung listener): the caller decides what to give up
     */
    boolean drain(long millis) {
        long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + millis;
        synchronized (idle) {
            while (!pending.isEmpty() || draining.get()) {
                if (System.currentTimeMillis() >= deadline) return false;
                try {
                    idle.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    String name() {
        return name;
    }

    int pending() {
        return pending.size();
    }
}
