package dev.saturn.collectors.sys;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFiles;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lists /sys/class/net and reads operstate, speed and duplex of each interface. */
public final class NetInterfaceReader {
    private static final StaticAttributes<Link> LINKS = new StaticAttributes<>();

    /** Type, duplex and speed: fixed while the link keeps its operstate (read again when it changes). */
    private record Link(String duplex, String type, Reading<Long> speed) {
    }
    /** The files read of each interface, under /sys/class/net/NAME. */
    public static final List<String> FILES = List.of("operstate", "duplex", "type", "speed");

    private NetInterfaceReader() {
    }

    public static Reading<Map<String, NetInterface>> read(HostPaths paths) {
        Path net = paths.sys("class/net");
        Map<String, NetInterface> out = new TreeMap<>();
        List<Path> present = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(net)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                present.add(entry);
                out.put(name, of(paths, entry, name));
            }
        } catch (IOException e) {
            return Reading.unavailable("cannot list " + net + ": " + e.getMessage());
        }
        LINKS.retainOnly(present);
        return Reading.of(out);
    }

    private static NetInterface of(HostPaths paths, Path dir, String name) {
        String operstate = paths.files().readTrimmed(dir.resolve("operstate")).orElse("unknown");
        Link link = LINKS.get(paths, dir, operstate, d -> link(paths.files(), d, name));
        boolean loopback = link.type().equals("772") || name.equals("lo");
        return new NetInterface(name, operstate, link.speed(), link.duplex(), loopback);
    }

    private static Link link(KernelFiles files, Path dir, String name) {
        String duplex = files.readTrimmed(dir.resolve("duplex")).orElse("unknown");
        String type = files.readTrimmed(dir.resolve("type")).orElse("");
        boolean loopback = type.equals("772") || name.equals("lo");
        return new Link(duplex, type, speed(files, dir, name, loopback));
    }

    private static Reading<Long> speed(KernelFiles files, Path dir, String name, boolean loopback) {
        if (loopback) {
            return Reading.unavailable("link speed unknown: " + name + " is a loopback interface with no line rate");
        }
        Reading<Long> speed = files.readLong(dir.resolve("speed"));
        if (!speed.isAvailable()) {
            return Reading.unavailable("link speed unknown: " + dir.resolve("speed") + " unreadable (virtual or down interface)");
        }
        if (speed.value() <= 0) {
            return Reading.unavailable("link speed unknown: driver reports " + speed.value() + " for " + name);
        }
        return speed;
    }
}
