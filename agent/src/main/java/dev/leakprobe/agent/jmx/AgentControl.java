package dev.leakprobe.agent.jmx;

import dev.leakprobe.agent.dump.DumpResult;
import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.signal.SignalTrigger;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/** The MBean behind {@code dev.leakprobe:type=Agent}. */
public final class AgentControl implements AgentControlMBean {

    public static final String OBJECT_NAME = "dev.leakprobe:type=Agent";
    private static final long DUMP_TIMEOUT_MINUTES = 30;

    private final DumpService dumps;
    private final SignalTrigger signal; // null when signal=off

    private AgentControl(DumpService dumps, SignalTrigger signal) {
        this.dumps = dumps;
        this.signal = signal;
    }

    /** Registers the MBean; a failure is one log line and the other triggers keep working. */
    public static void register(DumpService dumps, SignalTrigger signal) {
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new AgentControl(dumps, signal), new ObjectName(OBJECT_NAME));
        } catch (Exception e) {
            AgentLog.warn("cannot register the JMX MBean " + OBJECT_NAME + ": " + e);
        }
    }

    /** Waits for the dump: it runs on the agent's dump thread, this only waits on the caller's JMX thread. */
    @Override
    public String dumpHeap() {
        DumpResult result;
        try {
            result = dumps.request(DumpTrigger.JMX).get(DUMP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("heap dump did not finish: " + e);
        }
        if (result instanceof DumpResult.Written) {
            return ((DumpResult.Written) result).file().toString();
        }
        throw new IllegalStateException("heap dump " + result);
    }

    @Override
    public String getDirectory() {
        return dumps.dir().toString();
    }

    @Override
    public String getSignal() {
        return signal == null ? "off" : signal.signal().name();
    }

    @Override
    public int getDumpsWritten() {
        return dumps.dumpsWritten();
    }

    @Override
    public String getLastDump() {
        Path last = dumps.lastDump();
        return last == null ? null : last.toString();
    }

    @Override
    public boolean isSignalDumpsPaused() {
        return signal != null && signal.pausedByJfr();
    }

    @Override
    public boolean isSignalHandlerInstalled() {
        return signal != null && signal.handlerInstalled();
    }
}
