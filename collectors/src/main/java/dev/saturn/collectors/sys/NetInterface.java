package dev.saturn.collectors.sys;

import dev.saturn.collectors.Reading;

/** An interface from /sys/class/net: state, link speed in Mb/s, duplex. */
public record NetInterface(String name, String operstate, Reading<Long> speedMbps, String duplex, boolean loopback) {

    /** "up", or "unknown" as loopback and some virtual drivers report while carrying traffic. */
    public boolean up() {
        return operstate.equals("up") || operstate.equals("unknown");
    }

    public boolean halfDuplex() {
        return duplex.equals("half");
    }
}
