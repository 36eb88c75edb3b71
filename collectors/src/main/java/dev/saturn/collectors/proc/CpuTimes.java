package dev.saturn.collectors.proc;

/** One line of /proc/stat, in USER_HZ ticks. guest and guest_nice are already inside user and nice. */
public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                       long steal, long guest, long guestNice) {

    public long busy() {
        return user + nice + system + irq + softirq;
    }

    /** Everything the CPU spent time on; guest is left out because user and nice already hold it. */
    public long total() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }
}
