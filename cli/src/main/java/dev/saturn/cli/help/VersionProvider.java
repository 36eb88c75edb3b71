package dev.saturn.cli.help;

import picocli.CommandLine.IVersionProvider;

/** saturn --version: the build (version, commit, date) and the Java runtime it runs on, as a bug report needs them. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {BuildInfo.read().line(),
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.home") + ")"};
    }
}
