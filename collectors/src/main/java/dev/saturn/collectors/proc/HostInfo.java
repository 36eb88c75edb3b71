package dev.saturn.collectors.proc;

/** What the report header shows: host name, kernel release, CPU model. */
public record HostInfo(String hostname, String kernel, String cpuModel) {
}
