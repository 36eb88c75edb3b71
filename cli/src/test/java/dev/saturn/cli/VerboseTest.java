package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerboseTest {
    @Test
    void verboseCountsAtEveryLevelOfSubcommands() {
        // saturn jfr summary --verbose: two levels down, where only the first level used to be looked at
        assertTrue(Saturn.verbose(Saturn.commandLine().parseArgs("jfr", "summary", "--verbose", "x.jfr")));
        assertTrue(Saturn.verbose(Saturn.commandLine().parseArgs("use", "--verbose")));
        assertFalse(Saturn.verbose(Saturn.commandLine().parseArgs("jfr", "summary", "x.jfr")));
    }
}
