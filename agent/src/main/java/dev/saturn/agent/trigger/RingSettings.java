package dev.saturn.agent.trigger;

/**
 * The ring of recent stacks that gives a triggered profile the seconds before its trigger.
 *
 * @param enabled   false: profiles start at their trigger, and no perf runs between triggers
 * @param seconds   how far back the ring reaches: 5 to 120
 * @param frequency samples a second per CPU: 1 to 99 (perf's cost grows with it; 19 by default)
 */
public record RingSettings(boolean enabled, int seconds, int frequency) {
    public static final RingSettings DEFAULT = new RingSettings(true, 30, 19);
    public static final RingSettings OFF = new RingSettings(false, 30, 19);

    public RingSettings {
        if (seconds < 5 || seconds > 120) {
            throw new IllegalArgumentException("trigger.ring.seconds " + seconds + " is out of range: give 5 to 120 (30 is the default)");
        }
        if (frequency < 1 || frequency > 99) {
            throw new IllegalArgumentException("trigger.ring.frequency " + frequency + " is out of range: give 1 to 99 Hz (19 is the default)");
        }
    }

    public RingSettings withEnabled(boolean on) {
        return new RingSettings(on, seconds, frequency);
    }
}
