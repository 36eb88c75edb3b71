package dev.saturn.collectors.jvm;

import com.sun.tools.attach.VirtualMachine;
import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JVM's diagnostic commands (what `jcmd` runs) through the DiagnosticCommand MBean: attach, start the
 * local management agent (a JMX connector bound to the loopback, as `jcmd PID ManagementAgent.start_local`),
 * connect. Operations are named as the MBean names them: JFR.start is jfrStart, Compiler.perfmap is
 * compilerPerfmap.
 */
public final class DiagnosticCommands implements AutoCloseable {
    private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";

    private final TargetProcess target;
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ObjectName name;

    private DiagnosticCommands(TargetProcess target, JMXConnector connector) throws IOException, JMException {
        this.target = target;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.name = new ObjectName(MBEAN);
    }

    public static DiagnosticCommands open(TargetProcess target, String what) {
        VirtualMachine vm = JvmAttach.attach(target, what);
        try {
            String url = vm.startLocalManagementAgent();
            return new DiagnosticCommands(target, JMXConnectorFactory.connect(new JMXServiceURL(url)));
        } catch (IOException | JMException e) {
            throw failure(target, "cannot reach the management agent", e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the connection is what matters; a failed detach leaves nothing behind in the target
            }
        }
    }

    /**
     * Runs an operation with jcmd-style arguments ("name=rec", "filename=/tmp/x.jfr") and returns its text
     * output. An operation of a command without arguments has an empty signature; rather than fetch the
     * MBean's description first (half a second on a loaded machine), a call without arguments that finds
     * no such signature is retried as one.
     */
    public String run(String operation, String... arguments) {
        try {
            Object result;
            try {
                result = server.invoke(name, operation, new Object[] {arguments}, new String[] {String[].class.getName()});
            } catch (ReflectionException e) {
                if (arguments.length > 0) {
                    throw e;
                }
                result = server.invoke(name, operation, new Object[0], new String[0]);
            }
            return result == null ? "" : result.toString().strip();
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ProfilingException("JVM " + target.label() + " refused " + operation + ": " + oneLine(cause.getMessage()));
        } catch (ReflectionException e) {
            throw new ProfilingException("JVM " + target.label() + " has no diagnostic command " + operation + " (needs JDK 17 or later)");
        } catch (IOException | JMException e) {
            throw failure(target, operation + " failed", e);
        }
    }

    private static ProfilingException failure(TargetProcess target, String what, Exception e) {
        if (!target.alive()) {
            return TargetProcess.gone(target.pid());
        }
        return new ProfilingException("JVM " + target.label() + ": " + what + ": " + oneLine(e.toString()));
    }

    private static String oneLine(String s) {
        return s == null ? "no reason given" : s.replaceAll("\\s*\\n\\s*", "; ").strip();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the target may have exited; nothing to release on our side
        }
    }
}
