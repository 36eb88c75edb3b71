package dev.saturn.collectors.jvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JFR diagnostic commands answer a refusal with text, not an error: these are the answers of JDK 17. */
class JfrControlTest {
    @Test
    void refusalsAreToldFromTheJvmsAnswer() {
        assertTrue(JfrControl.refused("Could not stop recording \"saturn\"."));
        assertTrue(JfrControl.refused("Could not find nope.\n\nUse JFR.check without options to see list of all available recordings."));
        assertTrue(JfrControl.refused("Dump failed. Could not copy recording data. /root/x.jfr"));
        assertTrue(JfrControl.refused("No recordings to dump from. Use JFR.start to start a recording."));
        assertFalse(JfrControl.refused("Started recording 1. No limit specified, using maxsize=250MB as default.\n\nUse jcmd 1 JFR.dump ..."));
        assertFalse(JfrControl.refused("Dumped recording \"saturn\", 245.4 kB written to:\n\n/tmp/app.jfr"));
        assertFalse(JfrControl.refused("Stopped recording \"saturn\"."));
    }
}
