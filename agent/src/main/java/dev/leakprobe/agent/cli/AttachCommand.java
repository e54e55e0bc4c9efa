package dev.leakprobe.agent.cli;

import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.cli.Main.CliException;
import dev.leakprobe.agent.signal.SignalTrigger;
import dev.leakprobe.format.text.OneLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code leakprobe attach PID [options]}: loads this jar as an agent into a running JVM. */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        description = "Load the agent into a running JVM (same user), with the options of -javaagent.")
final class AttachCommand extends Main.Subcommand {

    private static final long READY_TIMEOUT_MILLIS = 30_000;

    @Parameters(index = "0", paramLabel = "PID", converter = Main.PidConverter.class, description = "the JVM's pid")
    long pid;

    @Parameters(
            index = "1..*",
            paramLabel = "OPTION",
            description = "agent options, key=value separated by commas or spaces, e.g. dir=dumps,interval=1h")
    List<String> optionList = new ArrayList<>();

    @Override
    int run() throws CliException {
        String options = String.join(",", optionList);
        try (TargetJvm target = TargetJvm.attach(pid)) {
            if (target.systemProperties().getProperty(AgentProperties.LOADED) != null) {
                System.out.println("leakprobe is already loaded in JVM " + pid + describe(target.systemProperties()));
                return 0;
            }
            Properties props = loadAndAwaitReady(target, options);
            System.out.println("leakprobe attached to JVM " + pid + describe(props));
            return 0;
        }
    }

    /**
     * Loads the agent into {@code target} and waits until it reports ready; says the application's own signal
     * handler refusal on stderr. Shared with {@code watch}.
     *
     * @return the target's system properties once ready
     */
    static Properties loadAndAwaitReady(TargetJvm target, String options) throws CliException {
        long pid = target.pid();
        target.loadAgent(agentJar().toString(), options.isEmpty() ? null : options);
        // agentmain has returned by now: its outcome is in the properties, or (ready) soon after.
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Properties props = target.systemProperties();
            if (props.getProperty(AgentProperties.ERROR) != null) {
                throw new CliException(
                        "the agent in JVM " + pid + " disabled itself: " + props.getProperty(AgentProperties.ERROR), 2);
            }
            if ("true".equals(props.getProperty(AgentProperties.READY))) {
                String refused = props.getProperty(SignalTrigger.REFUSED_PROPERTY);
                if (refused != null) {
                    System.err.println("leakprobe: " + refused);
                }
                // What the agent said on the target's stderr while starting, which the user of attach never sees.
                String warnings = props.getProperty(AgentProperties.STARTUP_WARNINGS, "");
                warnings.lines()
                        .filter(l -> !l.isBlank() && (refused == null || !refused.contains(l)))
                        .forEach(l -> System.err.println("leakprobe: JVM " + pid + " warns: " + OneLine.of(l)));
                return props;
            }
            sleep(100);
        }
        throw new CliException("the agent was loaded into JVM " + pid + " but did not report ready within "
                + READY_TIMEOUT_MILLIS / 1000 + " s; see that JVM's stderr");
    }

    private static String describe(Properties props) {
        String prometheus = props.getProperty(AgentProperties.PROMETHEUS);
        return ": signal=" + props.getProperty(AgentProperties.SIGNAL, "?") + " dir="
                + props.getProperty(AgentProperties.DIR, "?") + (prometheus == null ? "" : " prometheus=" + prometheus);
    }

    /** This jar: the agent and the command line tool are the same file. */
    static Path agentJar() throws CliException {
        try {
            Path jar = Path.of(AttachCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!jar.toString().endsWith(".jar")) {
                throw new CliException("attach needs to run from leakprobe-agent.jar, not " + jar);
            }
            return jar.toAbsolutePath();
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new CliException("cannot tell where leakprobe-agent.jar is: " + e.getMessage());
        }
    }

    static void sleep(long millis) throws CliException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
