package dev.saturn.collectors.proc;

/** One interface line of /proc/net/dev. */
public record NetDevCounters(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long rxFifo, long rxFrame,
                             long txBytes, long txPackets, long txErrs, long txDrop, long txFifo, long txColls,
                             long txCarrier) {
}
