package dev.saturn.collectors.sys;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Lists /sys/class/net and reads operstate, speed and duplex of each interface. */
public final class NetInterfaceReader {
    private NetInterfaceReader() {
    }

    public static Reading<Map<String, NetInterface>> read(HostPaths paths) {
        Path net = paths.sys("class/net");
        Map<String, NetInterface> out = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(net)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                out.put(name, of(entry, name));
            }
        } catch (IOException e) {
            return Reading.unavailable("cannot list " + net + ": " + e.getMessage());
        }
        return Reading.of(out);
    }

    private static NetInterface of(Path dir, String name) {
        String operstate = KernelFile.readTrimmed(dir.resolve("operstate")).orElse("unknown");
        String duplex = KernelFile.readTrimmed(dir.resolve("duplex")).orElse("unknown");
        String type = KernelFile.readTrimmed(dir.resolve("type")).orElse("");
        boolean loopback = type.equals("772") || name.equals("lo");
        return new NetInterface(name, operstate, speed(dir, name, loopback), duplex, loopback);
    }

    private static Reading<Long> speed(Path dir, String name, boolean loopback) {
        if (loopback) {
            return Reading.unavailable("link speed unknown: " + name + " is a loopback interface with no line rate");
        }
        Reading<Long> speed = KernelFile.readLong(dir.resolve("speed"));
        if (!speed.isAvailable()) {
            return Reading.unavailable("link speed unknown: " + dir.resolve("speed") + " unreadable (virtual or down interface)");
        }
        if (speed.value() <= 0) {
            return Reading.unavailable("link speed unknown: driver reports " + speed.value() + " for " + name);
        }
        return speed;
    }
}
