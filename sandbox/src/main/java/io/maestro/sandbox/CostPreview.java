package io.maestro.sandbox;

import java.util.List;

/**
 * What the planner expects a query to cost, from {@code EXPLAIN}: the largest EstimatedRows of any
 * operator, each operator, and the planner's notifications (cartesian product, unbounded pattern,
 * unknown label…), classified by the tenant's thresholds. Shown to the analyst before any run.
 */
public record CostPreview(SandboxSettings.CostClass costClass, double maxEstimatedRows, List<Operator> operators,
                          List<Notice> notices) {

    public record Operator(String name, double estimatedRows, int depth) { }

    public record Notice(String code, String title) { }
}
