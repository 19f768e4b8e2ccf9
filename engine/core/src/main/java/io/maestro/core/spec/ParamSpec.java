package io.maestro.core.spec;

import java.util.List;

/** A declared pipeline parameter; {@code defaultValue} is null when the param is required. */
public record ParamSpec(String name, ParamType type, Object defaultValue, List<Object> allowed, String description) {

    public enum ParamType {
        STRING, BOOLEAN, INTEGER, NUMBER;

        public String specName() { return name().toLowerCase(); }
    }
}
