package dev.saturn.collectors.jvm;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.saturn.collectors.ProfilingException;
import java.io.IOException;

/**
 * The JDK attach API with its failures turned into reasons a user can act on. Attaching needs the
 * target's user or root: HotSpot accepts a peer with its own effective uid and gid, or root.
 */
public final class JvmAttach {
    private JvmAttach() {
    }

    /** Checks that the process is a JVM that accepts attach requests, then attaches. */
    public static VirtualMachine attach(TargetProcess target, String what) {
        requireAttachable(target, what);
        try {
            return VirtualMachine.attach(Long.toString(target.pid()));
        } catch (AttachNotSupportedException | IOException e) {
            if (!target.alive()) {
                throw TargetProcess.gone(target.pid());
            }
            throw new ProfilingException("cannot attach to JVM " + target.label() + ": " + reason(e)
                    + ": run saturn as the JVM's user or root, and check that it was not started with -XX:+DisableAttachMechanism");
        }
    }

    /** The checks that need no attach: a JVM, attach not disabled, the same mount namespace. */
    public static void requireAttachable(TargetProcess target, String what) {
        if (!target.jvm()) {
            throw new ProfilingException("process " + target.label() + " is not a JVM (no libjvm.so in /proc/" + target.pid()
                    + "/maps): " + what + " needs a HotSpot JVM");
        }
        if (target.attachDisabled()) {
            throw new ProfilingException("JVM " + target.label() + " was started with -XX:+DisableAttachMechanism, so "
                    + what + " cannot attach to it: restart it without that flag");
        }
        if (target.foreignMounts()) {
            throw new ProfilingException("JVM " + target.label() + " runs in another mount namespace (a container): run saturn "
                    + "inside the container (e.g. `docker exec`) for " + what);
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').strip();
    }
}
