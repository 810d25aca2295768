package dev.turnstile.core.pipeline;

/** The parts of a pipeline that appliers and the effects they start may need. */
public record PipelineParts<P>(Ingress<P> ingress, ThreadRegistry threads, PipelineCounters counters) {
}
