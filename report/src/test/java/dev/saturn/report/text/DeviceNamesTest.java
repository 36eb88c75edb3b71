package dev.saturn.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A device name cut to its column keeps what tells it apart from its neighbours. */
class DeviceNamesTest {
    @Test
    void aMountPointKeepsItsFirstDirectoryAndItsLastOnes() {
        assertEquals("/srv/.../data", DeviceNames.fit("/srv/very-long-mount-name/data", 16));
        assertEquals("/srv/.../b/data", DeviceNames.fit("/srv/very-long-mount-name/b/data", 16));
        assertEquals("/var/lib/docker", DeviceNames.fit("/var/lib/docker", 16), "what fits stays");
        assertEquals(".../data", DeviceNames.fit("/very-long-first-directory/data", 8), "the first directory too long: the end");
    }

    @Test
    void anotherNameKeepsItsEnd() {
        assertEquals("...lv_var_log_audit", DeviceNames.fit("vg_system_primary-lv_var_log_audit", 19));
        assertEquals("...0b3fbd", DeviceNames.fit("/process_api/0b0d910360d06ab192d5c8f0f9ace0ddd0a040b3fbd", 9));
        assertEquals("nvme0n1p3", DeviceNames.fit("nvme0n1p3", 16));
        assertEquals("1p3", DeviceNames.fit("nvme0n1p3", 3), "no room for the dots");
    }
}
