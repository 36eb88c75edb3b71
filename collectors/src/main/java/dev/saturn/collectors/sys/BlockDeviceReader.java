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

/** Lists /sys/block and reads each device's queue/rotational and device/ioerr_cnt. */
public final class BlockDeviceReader {
    private static final String[] VIRTUAL_PREFIXES = {"loop", "ram", "zram", "dm-", "md", "nbd", "sr"};
    private static final StaticAttributes<Fixed> FIXED = new StaticAttributes<>();

    /** What does not change while the device exists. */
    private record Fixed(boolean physical, Reading<Boolean> rotational, boolean hasIoerr) {
    }

    /** The files read of each device, under /sys/block/NAME; a device/ directory says "physical" by existing. */
    public static final String IOERR_CNT = "device/ioerr_cnt";
    public static final String ROTATIONAL = "queue/rotational";
    public static final List<String> FILES = List.of(ROTATIONAL, IOERR_CNT);

    private BlockDeviceReader() {
    }

    public static Reading<Map<String, BlockDevice>> read(HostPaths paths) {
        Path block = paths.sys("block");
        Map<String, BlockDevice> out = new TreeMap<>();
        List<Path> present = new ArrayList<>();
        KernelFiles files = paths.files();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(block)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                present.add(entry);
                out.put(name, device(files, entry, name, FIXED.get(paths, entry, Boolean.TRUE, d -> fixed(files, d, name))));
            }
        } catch (IOException e) {
            return Reading.unavailable("cannot list " + block + ": " + e.getMessage());
        }
        FIXED.retainOnly(present);
        return Reading.of(out);
    }

    private static Fixed fixed(KernelFiles files, Path dir, String name) {
        boolean physical = Files.exists(dir.resolve("device")) && !hasVirtualPrefix(name);
        Reading<Boolean> rotational = files.readLong(dir.resolve(ROTATIONAL)).map(v -> v == 1);
        return new Fixed(physical, rotational, Files.exists(dir.resolve(IOERR_CNT)));
    }

    private static BlockDevice device(KernelFiles files, Path dir, String name, Fixed fixed) {
        boolean physical = fixed.physical();
        Reading<Boolean> rotational = fixed.rotational();
        Reading<Long> ioErrors;
        Path ioerr = dir.resolve(IOERR_CNT);
        if (fixed.hasIoerr()) {
            ioErrors = files.parse(ioerr, text -> Long.decode(text.trim()));
        } else {
            ioErrors = Reading.unavailable("the " + name + " driver exposes no device/ioerr_cnt (SCSI devices do; virtio and NVMe do not)");
        }
        return new BlockDevice(name, physical, rotational, ioErrors);
    }

    private static boolean hasVirtualPrefix(String name) {
        for (String prefix : VIRTUAL_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
