package io.maestro.plugins.nlcypher;

import java.util.function.Supplier;

/** A value made once, on first use, by one caller while the others wait; a failure is not remembered (the next call tries again). */
final class Memo<T> {
    private final Supplier<T> make;
    private T value;

    Memo(Supplier<T> make) {
        this.make = make;
    }

    synchronized T get() {
        if (value == null) value = make.get();
        return value;
    }

    synchronized T ifMade() {
        return value;
    }
}
