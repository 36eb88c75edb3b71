package dev.saturn.analyzers.jvm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recording's settings of one event type (jdk.ActiveSetting): "enabled", "threshold", "period".
 * Empty when the recording did not say.
 */
public record EventSettings(String eventType, Map<String, String> values) {
    public EventSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** True or false when the recording said; null when it did not. */
    public Boolean enabled() {
        String v = values.get("enabled");
        return v == null ? null : Boolean.valueOf(v);
    }

    public String threshold() {
        return values.get("threshold");
    }

    public String period() {
        return values.get("period");
    }
}
