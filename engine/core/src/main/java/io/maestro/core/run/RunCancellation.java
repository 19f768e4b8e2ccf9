package io.maestro.core.run;

import io.maestro.api.step.Cancellation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cancellation signal with callbacks; an attempt's token is also cancelled when its run's is. */
final class RunCancellation implements Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Set<Runnable> actions = ConcurrentHashMap.newKeySet();

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled.get() && actions.remove(action)) action.run();
    }

    /** @return true when this call cancelled it (false when it already was) */
    boolean cancel() {
        if (!cancelled.compareAndSet(false, true)) return false;
        for (Runnable action : actions) {
            if (actions.remove(action)) action.run();
        }
        return true;
    }

    /** A token cancelled with this one; {@link #detach} it when its work ends, or the run keeps it forever. */
    RunCancellation child() {
        var child = new RunCancellation();
        child.detach = () -> actions.remove(child.cancelAction);
        onCancel(child.cancelAction);
        return child;
    }

    private final Runnable cancelAction = this::cancel;
    private Runnable detach = () -> { };

    void detach() {
        detach.run();
    }
}
