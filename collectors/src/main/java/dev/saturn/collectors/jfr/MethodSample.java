package dev.saturn.collectors.jfr;

import java.util.Collections;
import java.util.List;

/** One jdk.ExecutionSample: the sampled thread and its Java frames as `pkg.Class.method`, leaf first. */
public record MethodSample(String thread, List<String> frames) {
    public MethodSample {
        frames = Collections.unmodifiableList(frames);
    }

}
