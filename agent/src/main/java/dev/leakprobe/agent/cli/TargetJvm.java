package dev.leakprobe.agent.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import dev.leakprobe.agent.cli.Main.CliException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** A running JVM reached through the attach API. */
final class TargetJvm implements AutoCloseable {

    /** The longest argument HotSpot's attach listener reads (JDK 17-23): {@code <jar>=<options>} of a load. */
    static final int ATTACH_ARGUMENT_MAX = 1024;

    private final long pid;
    private final VirtualMachine vm;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    static TargetJvm attach(long pid) throws CliException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException("no process " + pid);
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (Exception e) {
            throw new CliException("cannot attach to JVM " + pid + " (is it a JVM of the same user, without"
                    + " -XX:+DisableAttachMechanism?): " + e.getMessage());
        }
    }

    long pid() {
        return pid;
    }

    Properties systemProperties() throws CliException {
        try {
            return vm.getSystemProperties();
        } catch (Exception e) {
            throw new CliException("cannot read the system properties of JVM " + pid + ": " + e.getMessage());
        }
    }

    void loadAgent(String jar, String options) throws CliException {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException e) {
            throw new CliException("JVM " + pid + " could not start the agent: " + e.getMessage());
        } catch (java.io.IOException e) {
            // The JVM's attach listener drops a connection whose argument is over its limit: "Premature EOF".
            int length = (jar + (options == null ? "" : "=" + options)).getBytes(StandardCharsets.UTF_8).length;
            if (length > ATTACH_ARGUMENT_MAX) {
                throw new CliException(
                        "the agent's options are too long for attach: the jar's path and the options"
                                + " take " + length + " bytes, a JVM takes at most " + ATTACH_ARGUMENT_MAX
                                + "; shorten them (a shorter dir= path, fewer track= classes) or use -javaagent",
                        2);
            }
            throw new CliException("cannot load the agent into JVM " + pid + ": " + e);
        } catch (Exception e) {
            throw new CliException("cannot load the agent into JVM " + pid + ": " + e);
        }
    }

    /** Starts (or finds) the target's local JMX agent and returns its connector address. */
    String localJmxAddress() throws CliException {
        try {
            return vm.startLocalManagementAgent();
        } catch (Exception e) {
            throw new CliException("cannot start JMX in JVM " + pid + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (Exception e) {
            // nothing left to do with it
        }
    }
}
