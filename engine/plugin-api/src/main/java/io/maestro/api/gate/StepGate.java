package io.maestro.api.gate;

/** Asked before each step instance starts (not before each retry). A denial fails that step. */
public interface StepGate extends Gate { }
