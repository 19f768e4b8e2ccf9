package io.maestro.api.gate;

/** Asked once before a run starts. A denial fails the run before any step runs. */
public interface RunGate extends Gate { }
