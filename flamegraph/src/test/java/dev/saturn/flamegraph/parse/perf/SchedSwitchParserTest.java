package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.ParseStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Off-CPU time from scheduler switches, on perf script text recorded on this project's machine
 * (src/test/resources/perf/offcpu, described in the README beside it): the expected figures are the
 * fixtures' own timestamps paired by hand (an awk script over the same text, see the README).
 */
class SchedSwitchParserTest {
    record Parsed(Map<String, Long> stacks, ParseStats stats, List<String> warnings) {
        long under(String frame) {
            return stacks.entrySet().stream().filter(e -> List.of(e.getKey().split(";")).contains(frame))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long total() {
            return stacks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Parsed parse(byte[] text, PerfCollapseOptions options) throws IOException {
        Map<String, Long> stacks = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ParseStats stats = new SchedSwitchParser(options, warnings::add)
                .parse(new ByteArrayInputStream(text), (stack, weight) -> stacks.merge(stack, weight, Long::sum));
        return new Parsed(stacks, stats, warnings);
    }

    static Parsed parse(String text) throws IOException {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1), PerfCollapseOptions.defaults());
    }

    static Parsed fixture(String name, PerfCollapseOptions options) throws IOException {
        return parse(PerfFixturesTest.resource("offcpu/" + name), options);
    }

    @Test
    void oneProcessSleepingPairsEachSwitchOutWithItsSwitchInRecord() throws IOException {
        Parsed p = fixture("sleepy-pid.txt", PerfCollapseOptions.defaults());
        // 19 intervals from each PERF_RECORD_SWITCH OUT to the next IN: 191675 us (from the tracepoint's time instead,
        // 191944 us: perf spent 14 us a switch walking the stack); the last switch-out is closed at the last record
        assertEquals(191675, p.under("sleepy_wait"), 2, p.stacks().toString());
        assertEquals(p.total(), p.under("sleepy_wait"), "every blocked interval is under sleepy_wait: " + p.stacks());
        assertTrue(p.stacks().keySet().stream().allMatch(s -> s.startsWith("sleepy;__libc_start_call_main;main;sleepy_wait;clock_nanosleep")
                && s.endsWith(";schedule;__schedule")), p.stacks().toString());
        assertEquals(0, p.stats().invalidLines());
        assertEquals("us", p.stats().unit().name());
        assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    }

    @Test
    void systemWideTakesTheSwitchInFromTheNextPidOfAnotherThreadsSwitch() throws IOException {
        Parsed p = fixture("sleepy-all.txt", PerfCollapseOptions.defaults());
        // out at 60512.804463, in (next_pid of swapper's switch) at 60512.815702; the first switch-in has no switch-out before it
        assertEquals(11239, p.under("sleepy_wait"), p.stacks().toString());
        assertTrue(p.stacks().keySet().stream().noneMatch(s -> s.startsWith("swapper")), "the idle task leaving a CPU is not blocking");
        assertTrue(p.stacks().keySet().stream().anyMatch(s -> s.startsWith("C2_CompilerThre;")), "a name with a space: " + p.stacks().keySet());
        assertEquals(0, p.stats().invalidLines());
    }

    @Test
    void wallAddsClockSamplesAtTheirPeriodToTheBlockedTime() throws IOException {
        Parsed p = fixture("alternate-wall-pid.txt", PerfCollapseOptions.defaults());
        // 8 cpu-clock samples of 10101010 ns and 642 us preempted while spinning; 80454 us asleep under sleep_part.
        // One sample caught since() in its prologue, before its frame pointer was set: the walk skipped spin_part.
        long spinning = p.under("spin_part") + p.under("since");
        assertEquals(8 * 10101 + 642, spinning, 3, p.stacks().toString());
        assertEquals(80454, p.under("sleep_part"), 2, p.stacks().toString());
        assertEquals(p.total(), spinning + p.under("sleep_part"));
    }

    @Test
    void tidOptionRootsEachThread() throws IOException {
        Parsed p = fixture("sleepy-pid.txt", PerfCollapseOptions.defaults().withTid());
        assertTrue(p.stacks().keySet().stream().allMatch(s -> s.startsWith("sleepy-7663/7663;")), p.stacks().keySet().toString());
    }

    @Test
    void aThreadThatDiesIsNotCountedToTheEnd() throws IOException {
        Parsed p = parse("""
                t  5/6  100.000000:          1 sched:sched_switch: prev_comm=t prev_pid=6 prev_prio=120 prev_state=S ==> next_comm=x next_pid=7 next_prio=120
                \tffff1 block ([kernel.kallsyms])
                \t11 waiter (/bin/t)

                :-1  5/-1  100.000100:          1 sched:sched_switch: prev_comm=t prev_pid=5 prev_prio=120 prev_state=X ==> next_comm=x next_pid=7 next_prio=120
                \tffff2 do_exit ([kernel.kallsyms])

                t  5/6  100.000500: PERF_RECORD_SWITCH IN
                t  5/6  100.000900:          1 sched:sched_switch: prev_comm=t prev_pid=6 prev_prio=120 prev_state=D ==> next_comm=x next_pid=7 next_prio=120
                \tffff1 block ([kernel.kallsyms])
                \t12 reader (/bin/t)

                t  5/6  100.001000: PERF_RECORD_SWITCH OUT

                x  7/7  100.003000: PERF_RECORD_SWITCH IN
                """);
        assertEquals(Map.of("t;waiter;block", 500L, "t;reader;block", 2000L), p.stacks(),
                "waiter's 500 us, reader still blocked at the last time seen (2000 us from its switch record), nothing for the exit");
        assertEquals(0, p.stats().invalidLines(), "perf names a thread gone before perf script ran ':-1 PID/-1'");
    }

    /** --state D: time blocked in uninterruptible sleep (the disk) only; a wait for work (S) is not counted. */
    @Test
    void blockedStatesKeepOnlyTheStatesAskedFor() throws IOException {
        byte[] text = """
                t  5/6  100.000000:          1 sched:sched_switch: prev_comm=t prev_pid=6 prev_prio=120 prev_state=S ==> next_comm=x next_pid=7 next_prio=120
                	ffff1 schedule ([kernel.kallsyms])
                	11 waiter (/bin/t)

                t  5/6  100.000500: PERF_RECORD_SWITCH IN
                t  5/6  100.000900:          1 sched:sched_switch: prev_comm=t prev_pid=6 prev_prio=120 prev_state=D ==> next_comm=x next_pid=7 next_prio=120
                	ffff3 io_schedule ([kernel.kallsyms])
                	12 reader (/bin/t)

                t  5/6  100.002900: PERF_RECORD_SWITCH IN
                """.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Map.of("t;waiter;schedule", 500L, "t;reader;io_schedule", 2000L), parse(text, PerfCollapseOptions.defaults()).stacks());
        assertEquals(Map.of("t;reader;io_schedule", 2000L), parse(text, PerfCollapseOptions.defaults().withBlockedStates("D")).stacks());
    }

    @Test
    void otherEventsAreLeftOutWithAWarningAndBadLinesCounted() throws IOException {
        Parsed p = parse("""
                not a perf line
                t  5/6  100.000000:          1 page-faults:
                \t11 grow (/bin/t)

                """);
        assertEquals(1, p.stats().invalidLines());
        assertEquals(1, p.stats().firstInvalidLine());
        assertTrue(p.stacks().isEmpty());
        assertTrue(p.warnings().get(0).contains("page-faults"), p.warnings().toString());
    }

    @Test
    void timestampsInNanosecondsAreRead() {
        assertEquals(60_512_804_463_000L, SchedSwitchParser.nanos("60512", "804463"));
        assertEquals(60_512_804_463_123L, SchedSwitchParser.nanos("60512", "804463123"));
        assertTrue(SchedSwitchParser.clock("cpu-clock/period=10101010/") && SchedSwitchParser.clock("task-clock:u"));
    }
}
