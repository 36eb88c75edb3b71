package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.ProcessSample;
import java.util.List;

/**
 * The samples of one process table by pid, in an open-addressing table of ints: the agent pairs 2,000 processes with
 * their earlier samples every second, and a HashMap of boxed pids made two objects a process a sample. A pid listed
 * twice keeps its last sample.
 */
final class SamplesByPid {
    private final int[] pids;
    private final ProcessSample[] samples;
    private final int[] indexes;
    private final int mask;

    SamplesByPid(List<ProcessSample> processes) {
        int capacity = Integer.highestOneBit(Math.max(4, processes.size() * 2) - 1) << 1;
        pids = new int[capacity];
        samples = new ProcessSample[capacity];
        indexes = new int[capacity];
        mask = capacity - 1;
        for (int at = 0; at < processes.size(); at++) {
            ProcessSample p = processes.get(at);
            int i = slot(p.pid());
            pids[i] = p.pid();
            samples[i] = p;
            indexes[i] = at;
        }
    }

    /** The sample of the pid, or null. */
    ProcessSample get(int pid) {
        return samples[slot(pid)];
    }

    /** Where the pid's sample is in the list, or -1. */
    int indexOf(int pid) {
        int i = slot(pid);
        return samples[i] == null ? -1 : indexes[i];
    }

    /** The pid's slot: where it is, or the empty one where it would go. */
    private int slot(int pid) {
        int i = (pid * 0x9E3779B9) >>> 1 & mask;
        while (samples[i] != null && pids[i] != pid) {
            i = (i + 1) & mask;
        }
        return i;
    }
}
