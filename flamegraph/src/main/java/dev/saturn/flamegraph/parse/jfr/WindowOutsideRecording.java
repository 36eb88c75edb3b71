package dev.saturn.flamegraph.parse.jfr;

import java.io.IOException;

/** A --from/--to window that is empty or lies outside the recording: the user's input, not a damaged file. */
public final class WindowOutsideRecording extends IOException {
    private static final long serialVersionUID = 1L;

    WindowOutsideRecording(String message) {
        super(message);
    }
}
