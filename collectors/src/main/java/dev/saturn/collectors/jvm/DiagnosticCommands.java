package dev.saturn.collectors.jvm;

import com.sun.tools.attach.VirtualMachine;
import dev.saturn.collectors.ProfilingException;
import java.io.IOException;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
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

    /** Runs an operation with jcmd-style arguments ("name=rec", "filename=/tmp/x.jfr") and returns its text output. */
    public String run(String operation, String... arguments) {
        try {
            boolean takesArguments = takesArguments(operation);
            Object result = takesArguments
                    ? server.invoke(name, operation, new Object[] {arguments}, new String[] {String[].class.getName()})
                    : server.invoke(name, operation, new Object[0], new String[0]);
            return result == null ? "" : result.toString().strip();
        } catch (MBeanException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ProfilingException("JVM " + target.label() + " refused " + operation + ": " + oneLine(cause.getMessage()));
        } catch (IOException | JMException e) {
            throw failure(target, operation + " failed", e);
        }
    }

    public boolean has(String operation) {
        try {
            return operationInfo(operation) != null;
        } catch (IOException | JMException e) {
            return false;
        }
    }

    private boolean takesArguments(String operation) throws IOException, JMException {
        MBeanOperationInfo info = operationInfo(operation);
        if (info == null) {
            throw new ProfilingException("JVM " + target.label() + " has no diagnostic command " + operation
                    + " (needs JDK 17 or later)");
        }
        return info.getSignature().length > 0;
    }

    private MBeanOperationInfo operationInfo(String operation) throws IOException, JMException {
        for (MBeanOperationInfo op : server.getMBeanInfo(name).getOperations()) {
            if (op.getName().equals(operation)) {
                return op;
            }
        }
        return null;
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
