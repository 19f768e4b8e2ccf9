package io.maestro.sandbox.sample;

import java.util.List;

/**
 * The suspicious patterns the generator plants on purpose, as ground truth for questions asked of
 * the graph.
 *
 * @param moneyCycles   each a ring of accounts, in the order the money flows, the last paying the first
 *                      back; the accounts' owners share one device
 * @param sharedDevices devices used by three or more people (every other device has one user)
 */
public record PlantedPatterns(List<List<String>> moneyCycles, List<String> sharedDevices) {
    public PlantedPatterns {
        moneyCycles = moneyCycles.stream().map(List::copyOf).toList();
        sharedDevices = List.copyOf(sharedDevices);
    }
}
