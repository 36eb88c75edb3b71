package dev.saturn.profiling.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What leads a profile: the widest process, then the widest child at every level, as a reader's eye goes up. */
class DrillLeadTest {
    @Test
    void followsTheWidestFrameToTheTop() {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        tree.add("dd;main;__libc_pwrite64;ksys_pwrite64;vfs_write;io_schedule", 70);
        tree.add("dd;main;__libc_pwrite64;ksys_pwrite64;vfs_write;mutex_lock", 10);
        tree.add("dd;main;fsync", 5);
        tree.add("java;Thread.run;Object.wait", 15);
        DrillLead lead = DrillLead.of(tree.build()).orElseThrow();
        assertEquals("dd", lead.process());
        assertEquals(0.85, lead.processShare(), 1e-9);
        assertEquals(List.of("main", "__libc_pwrite64", "ksys_pwrite64", "vfs_write", "io_schedule"), lead.stack());
        assertEquals(0.70, lead.stackShare(), 1e-9);
        assertEquals("dd leads with 85% of the profile; its widest stack: main → __libc_pwrite64 → ksys_pwrite64 → vfs_write"
                + " → io_schedule (70%)", lead.text());
    }

    @Test
    void aLongStackShowsItsLastFrames() {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        tree.add("app;a;b;c;d;e;f;g", 3);
        String text = DrillLead.of(tree.build()).orElseThrow().text();
        assertEquals("app leads with 100% of the profile; its widest stack: … c → d → e → f → g (100%)", text);
    }

    @Test
    void theStackEndsWhereTimeSpreadsOverManyCallees() {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        tree.add("burner;main;work;sin", 40);
        tree.add("burner;main;work;cos", 30);
        tree.add("burner;main;work;tan", 30);
        DrillLead lead = DrillLead.of(tree.build()).orElseThrow();
        assertEquals(List.of("main", "work"), lead.stack());
        assertEquals(1.0, lead.stackShare(), 1e-9);
    }

    @Test
    void theSchedulersOwnFramesAreLeftOutOfTheText() {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        tree.add("load-7;__libc_pwrite;vfs_write;__iomap_dio_rw;io_schedule_timeout;schedule_timeout;schedule;__schedule", 9);
        DrillLead lead = DrillLead.of(tree.build()).orElseThrow();
        assertEquals("__schedule", lead.stack().get(lead.stack().size() - 1), "the stack itself keeps them");
        assertEquals("load-7 leads with 100% of the profile; its widest stack: __libc_pwrite → vfs_write → __iomap_dio_rw"
                + " → io_schedule_timeout (100%)", lead.text());
    }

    @Test
    void theIdleTaskLeadsNothing() {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        tree.add("swapper-0;secondary_startup_64;cpu_idle", 70);
        tree.add("stress-ng-cpu-42;main;burn", 30);
        DrillLead lead = DrillLead.of(tree.build()).orElseThrow();
        assertEquals("stress-ng-cpu-42", lead.process());
        assertEquals(0.30, lead.processShare(), 1e-9);
    }

    @Test
    void anEmptyProfileHasNoLead() {
        assertTrue(DrillLead.of(new FrameTreeBuilder(TreeOptions.defaults()).build()).isEmpty());
    }
}
