package dev.saturn.collectors.proc;

import java.util.Collections;
import java.util.List;

/** One line of /proc/self/mountinfo. */
public record Mount(String majorMinor, String root, String mountPoint, List<String> options, String fsType,
                    String source, List<String> superOptions) {
    public Mount {
        options = Collections.unmodifiableList(options);
        superOptions = Collections.unmodifiableList(superOptions);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }
}
