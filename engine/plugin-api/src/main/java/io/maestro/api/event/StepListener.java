package io.maestro.api.event;

/** Observes step-level events; same guarantees as {@link RunListener}. */
public interface StepListener extends io.maestro.api.plugin.MaestroExtension {
    default void onStepScheduled(MaestroEvent.StepScheduled event) { }
    default void onStepStarted(MaestroEvent.StepStarted event) { }
    default void onStepRetrying(MaestroEvent.StepRetrying event) { }
    default void onStepFinished(MaestroEvent.StepFinished event) { }
    default void onArtifactProduced(MaestroEvent.ArtifactProduced event) { }
}
