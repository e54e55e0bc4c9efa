package dev.leakprobe.agent.cli;

import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.cli.Main.CliException;
import dev.leakprobe.agent.jmx.AgentControl;
import dev.leakprobe.agent.signal.SignalTrigger;
import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import dev.leakprobe.format.text.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leakprobe dump PID}: signals the JVM only when our agent there is ready with a handler for that signal
 * (a signal without one crashes or kills a JVM) and its MBean says that handler is still installed (the application
 * may have installed its own since); otherwise dumps through JMX over the attach API.
 */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "Take a heap dump of a running JVM: by signal where its leakprobe agent is ready, through JMX"
                + " otherwise (a stray SIGUSR2 crashes a JDK 17 JVM).")
final class DumpCommand extends Main.Subcommand {

    private static final long SIGNAL_DUMP_TIMEOUT_MILLIS = 120_000;
    private static final String HOTSPOT_DIAGNOSTIC = "com.sun.management:type=HotSpotDiagnostic";
    /** The name prefix of a dump of a JVM without the agent. */
    static final String NO_AGENT_PREFIX = "jvm";

    @Parameters(index = "0", paramLabel = "PID", converter = Main.PidConverter.class, description = "the JVM's pid")
    long pid;

    @Option(
            names = "--dir",
            paramLabel = "PATH",
            description = "where a JVM without the agent writes its dump (default: the current folder)")
    Path dir;

    private Path dirWithoutAgent;

    @Override
    int run() throws CliException {
        if (dir != null && OneLine.hasUnsafe(dir.toString())) {
            throw new CliException(
                    "--dir '" + OneLine.of(dir.toString()) + "' holds control characters; a dump"
                            + " folder's name must not",
                    Main.BAD_INPUT);
        }
        dirWithoutAgent = (dir == null ? Path.of("") : dir).toAbsolutePath();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Properties props = target.systemProperties();
            String signal = props.getProperty(AgentProperties.SIGNAL, "off");
            boolean ready = "true".equals(props.getProperty(AgentProperties.READY));
            boolean paused = "true".equals(props.getProperty(SignalTrigger.PAUSED_PROPERTY));
            Path path = null;
            boolean said = false;
            if (ready && !signal.equals("off") && !paused) {
                if (agentHoldsSignal(target)) {
                    path = dumpBySignal(target, signal, Path.of(props.getProperty(AgentProperties.DIR)));
                } else {
                    System.err.println("leakprobe: the SIG" + signal + " handler in JVM " + pid + " is no longer the"
                            + " agent's (the application installed its own); dumping through JMX, no signal sent");
                    said = true;
                }
            }
            if (path == null) {
                path = dumpByJmx(target, ready, said);
            }
            System.out.println(path);
            return 0;
        }
    }

    /**
     * Asks the agent's MBean whether its handler still holds the signal: an application that installed its own
     * handler after the agent's would get our signal, and no dump would come.
     */
    private boolean agentHoldsSignal(TargetJvm target) throws CliException {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(target.localJmxAddress()))) {
            Object installed = connector
                    .getMBeanServerConnection()
                    .getAttribute(new ObjectName(AgentControl.OBJECT_NAME), "SignalHandlerInstalled");
            if (Boolean.TRUE.equals(installed)) {
                return true;
            }
        } catch (AttributeNotFoundException e) {
            return true; // an agent older than the attribute: signal, as it always did
        } catch (InstanceNotFoundException e) {
            return true; // no MBean (its registration failed, as the JVM's log says): signal, as it always did
        } catch (Exception e) {
            throw new CliException("cannot ask the agent in JVM " + pid + " over JMX: " + rootMessage(e));
        }
        return false;
    }

    /** @return the new dump, or null when the agent paused signal dumps meanwhile (JFR started sampling) */
    private Path dumpBySignal(TargetJvm target, String signal, Path dir) throws CliException {
        Set<Path> before = dumpsOfPid(dir);
        String refusedBefore = target.systemProperties().getProperty(AgentProperties.LAST_REFUSAL);
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new CliException("kill -s " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new CliException("cannot run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        System.err.println("leakprobe: sent SIG" + signal + " to " + pid + ", waiting for the dump in " + dir);
        long deadline = System.currentTimeMillis() + SIGNAL_DUMP_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Set<Path> now = dumpsOfPid(dir);
            now.removeAll(before);
            if (!now.isEmpty()) {
                return now.iterator().next();
            }
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new CliException("JVM " + pid + " exited before the dump appeared");
            }
            Properties props = target.systemProperties();
            if ("true".equals(props.getProperty(SignalTrigger.PAUSED_PROPERTY))) {
                System.err.println("leakprobe: the agent paused signal dumps (JFR samples threads); using JMX");
                return null;
            }
            String refused = props.getProperty(AgentProperties.LAST_REFUSAL);
            if (refused != null && !refused.equals(refusedBefore)) {
                // The agent took the signal and said no (disk reserve, a failed write): no file will come.
                throw new CliException("no dump: " + OneLine.of(refused.substring(refused.indexOf(' ') + 1)));
            }
            AttachCommand.sleep(200);
        }
        throw new CliException("no dump appeared in " + dir + " within " + SIGNAL_DUMP_TIMEOUT_MILLIS / 1000
                + " s; see the JVM's stderr for a [leakprobe] line saying why");
    }

    private Set<Path> dumpsOfPid(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> DumpName.parse(f.getFileName().toString())
                            .filter(n -> n.pid() == pid)
                            .isPresent())
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return new HashSet<>();
        }
    }

    /** @param said whether a line on stderr already said why this dump goes through JMX */
    private Path dumpByJmx(TargetJvm target, boolean agentReady, boolean said) throws CliException {
        String address = target.localJmxAddress();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName agent = new ObjectName(AgentControl.OBJECT_NAME);
            if (server.isRegistered(agent)) {
                if (!said) {
                    System.err.println("leakprobe: dumping JVM " + pid + " through the agent's JMX operation");
                }
                return Path.of((String) server.invoke(agent, "dumpHeap", new Object[0], new String[0]));
            }
            System.err.println("leakprobe: JVM " + pid + " has no leakprobe agent" + (agentReady ? "" : " ready")
                    + "; dumping through HotSpotDiagnostic over JMX (no signal sent)");
            return dumpWithoutAgent(server);
        } catch (javax.management.MBeanException e) {
            throw new CliException("the dump in JVM " + pid + " failed: " + rootMessage(e));
        } catch (Exception e) {
            throw new CliException("dump through JMX failed for JVM " + pid + ": " + rootMessage(e));
        }
    }

    /**
     * The target JVM writes under a hidden name of its own (HotSpot refuses an existing file), then the dump takes
     * the first free sequence number of this second: two {@code leakprobe dump}s at once get two names.
     */
    private Path dumpWithoutAgent(MBeanServerConnection server) throws Exception {
        PrivateFiles.ensureDirectory(dirWithoutAgent);
        DumpName name = DumpName.of(NO_AGENT_PREFIX, pid, Instant.now(), 1);
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        Path partial = dirWithoutAgent.resolve(
                FileNames.PARTIAL_PREFIX + HexFormat.of().formatHex(random) + "-" + name.fileName());
        try {
            server.invoke(
                    new ObjectName(HOTSPOT_DIAGNOSTIC),
                    "dumpHeap",
                    new Object[] {partial.toString(), true},
                    new String[] {String.class.getName(), boolean.class.getName()});
            for (int seq = 1; seq < 10_000; seq++) {
                Path file = dirWithoutAgent.resolve(name.withSeq(seq).fileName());
                if (PrivateFiles.renameIfAbsent(partial, file)) {
                    return file;
                }
            }
            throw new CliException("no free dump name in " + dirWithoutAgent);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
