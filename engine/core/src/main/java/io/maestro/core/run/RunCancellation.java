package io.maestro.core.run;

import io.maestro.api.step.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cancellation signal with callbacks; an attempt's token is also cancelled when its run's is. */
final class RunCancellation implements Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

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

    RunCancellation child() {
        var child = new RunCancellation();
        onCancel(child::cancel);
        return child;
    }
}
