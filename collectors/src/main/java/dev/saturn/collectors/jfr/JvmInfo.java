package dev.saturn.collectors.jfr;

/** jdk.JVMInformation: which JVM made the recording. */
public record JvmInfo(String name, String version, long pid, String javaArguments) {
}
