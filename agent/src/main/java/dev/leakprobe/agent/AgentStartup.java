package dev.leakprobe.agent;

import dev.leakprobe.agent.alloc.AllocationTracking;
import dev.leakprobe.agent.dump.DumpDirectory;
import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.dump.HeapDumper;
import dev.leakprobe.agent.dump.StaleFiles;
import dev.leakprobe.agent.jmx.AgentControl;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.metrics.AgentMeters;
import dev.leakprobe.agent.metrics.MetricsLog;
import dev.leakprobe.agent.metrics.PrometheusEndpoint;
import dev.leakprobe.agent.options.AgentOptions;
import dev.leakprobe.agent.options.DefaultName;
import dev.leakprobe.agent.options.OptionsParser;
import dev.leakprobe.agent.options.ParsedOptions;
import dev.leakprobe.agent.signal.SignalTrigger;
import dev.leakprobe.agent.signal.SuspendSignal;
import dev.leakprobe.agent.threshold.ThresholdDumps;
import dev.leakprobe.agent.timer.AgentTimer;
import dev.leakprobe.agent.watch.GrowthWatch;
import dev.leakprobe.format.units.Durations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.List;

/**
 * Starts the agent in order: the signal handler first (a stray USR2 before it crashes a JDK 17 JVM; an application
 * that handles the signal itself keeps its handler, see {@link SignalTrigger#install}), then
 * allocation tracking, then, off the application's main thread, the slower parts (dump thread, signal dispatcher,
 * JMX, meters, timers, Prometheus) and last the ready line.
 */
final class AgentStartup {

    private static final Object ONCE = new Object();

    private AgentStartup() {}

    static void start(String optionString, Instrumentation instrumentation, boolean attached) {
        ParsedOptions parsed;
        synchronized (ONCE) {
            if (System.getProperty(AgentProperties.LOADED) != null) {
                AgentLog.info("the agent is already loaded in this JVM; ignoring the second start");
                return;
            }
            System.clearProperty(AgentProperties.ERROR);
            // Plain string work on a few small classes: cheap enough to know the signal before installing it.
            parsed = OptionsParser.parse(
                    optionString, DefaultName.fromJavaCommand(System.getProperty("sun.java.command")));
            if (parsed instanceof ParsedOptions.Invalid) {
                // Not marked loaded: a later attach with corrected options may still start the agent.
                String problem = ((ParsedOptions.Invalid) parsed).problem();
                SignalTrigger.installDisabled(parsed.signal(), "bad options");
                System.setProperty(AgentProperties.ERROR, problem);
                AgentLog.warn(problem + "; leakprobe is disabled, the application runs without it");
                return;
            }
            System.setProperty(AgentProperties.LOADED, "true");
        }
        AgentOptions options = ((ParsedOptions.Valid) parsed).options();
        SignalTrigger signal = SignalTrigger.install(options.signal());
        if (signal != null && signal.collidesWithSuspendSignal()) {
            AgentLog.warn(SuspendSignal.collisionWarning());
        }
        startTheRest(options, signal, instrumentation, attached);
    }

    /**
     * What the application's main thread waits for is only what must happen before its classes load: the meter
     * registry and allocation tracking (which instruments classes as they load). Everything else, a few hundred
     * milliseconds of class loading, runs on a daemon thread; signals that arrive meanwhile are kept and handled.
     */
    private static void startTheRest(
            AgentOptions options, SignalTrigger signal, Instrumentation instrumentation, boolean attached) {
        AgentMeters meters = AgentMeters.create(options.prometheus().isPresent());
        List<DumpSidecarWriter> sidecarWriters = List.of();
        try {
            sidecarWriters = AllocationTracking.start(instrumentation, options.allocation(), meters.registry());
        } catch (Throwable t) {
            AgentLog.warn("allocation tracking failed to start, dumps go on without it: " + t);
        }
        List<DumpSidecarWriter> writers = sidecarWriters;
        Thread starter = new Thread(
                () -> {
                    try {
                        startTriggers(options, signal, meters, writers, attached);
                    } catch (Throwable t) {
                        try {
                            AgentLog.failedOnce("starting the agent's triggers (the application runs without them)", t);
                        } catch (Throwable outOfMemory) {
                            // Even a string literal is made on first use, and there may be no heap left for it.
                        }
                    }
                },
                "leakprobe-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static void startTriggers(
            AgentOptions options,
            SignalTrigger signal,
            AgentMeters meters,
            List<DumpSidecarWriter> sidecarWriters,
            boolean attached) {
        try {
            DumpDirectory.ensure(options.dir());
        } catch (Exception e) {
            AgentLog.warn("cannot create dump directory " + options.dir() + " (" + e
                    + "); dumps will fail until it can be created");
        }
        StaleFiles.sweep(options.dir());
        DumpService dumps = new DumpService(
                new DumpService.Settings(
                        options.dir(), options.name(), options.live(), options.maxDumps(), options.diskReserve()),
                HeapDumper.hotSpot());
        dumps.addSidecarWriters(sidecarWriters);
        dumps.start();
        if (signal != null) {
            signal.startDispatching(dumps);
        }
        AgentControl.register(dumps, signal);
        meters.bindJvmMeters();

        AgentTimer timer = new AgentTimer();
        options.metrics().ifPresent(every -> timer.every(every, "the metrics line", new MetricsLog(options.dir())));
        options.interval()
                .ifPresent(
                        every -> timer.every(every, "the scheduled dump", () -> dumps.request(DumpTrigger.SCHEDULE)));
        options.dumpOnHeapPercent().ifPresent(percent -> ThresholdDumps.watchHeapAfterGc(percent, dumps));
        options.dumpOnRssBytes().ifPresent(bytes -> ThresholdDumps.watchRss(bytes, dumps, timer));
        options.watch().ifPresent(watch -> GrowthWatch.start(watch, dumps, timer));
        timer.start();

        String prometheusUrl = null;
        if (options.prometheus().isPresent()) {
            try {
                prometheusUrl = PrometheusEndpoint.start(
                                options.prometheus().get(), (PrometheusMeterRegistry) meters.registry())
                        .url();
                System.setProperty(AgentProperties.PROMETHEUS, prometheusUrl);
            } catch (Exception e) {
                AgentLog.warn("cannot serve Prometheus metrics on "
                        + options.prometheus().get() + ": " + e);
            }
        }
        AgentWarmUp.run();
        announceReady(options, signal, prometheusUrl, attached);
    }

    private static void announceReady(
            AgentOptions options, SignalTrigger signal, String prometheusUrl, boolean attached) {
        String sig = signal == null ? "off" : signal.signal().name();
        System.setProperty(AgentProperties.DIR, options.dir().toString());
        String warnings = AgentLog.endStartup();
        if (!warnings.isEmpty()) {
            System.setProperty(AgentProperties.STARTUP_WARNINGS, warnings);
        }
        System.setProperty(AgentProperties.SIGNAL, sig);
        // Built before READY is set: an application that waits for READY and then runs out of memory at once (as
        // OutOfMemoryIT's does) must not take the line with it.
        String line = "ready pid=" + ProcessHandle.current().pid()
                + " dir=" + options.dir()
                + " signal=" + sig
                + " name=" + options.name()
                + " interval=" + options.interval().map(AgentStartup::text).orElse("off")
                + " metrics=" + options.metrics().map(AgentStartup::text).orElse("off")
                + " max-dumps=" + options.maxDumps()
                + " live=" + options.live()
                + (options.dumpOnHeapPercent().isPresent()
                        ? " dump-on-heap=" + options.dumpOnHeapPercent().getAsInt() + "%"
                        : "")
                + (options.dumpOnRssBytes().isPresent()
                        ? " dump-on-rss=" + (options.dumpOnRssBytes().getAsLong() >> 20) + "MB"
                        : "")
                + options.watch()
                        .map(w -> " watch=" + text(w.window()) + " watch-every=" + text(w.every()) + " watch-warmup="
                                + text(w.warmup()) + " watch-cooldown=" + text(w.cooldown()))
                        .orElse("")
                + " prometheus=" + (prometheusUrl == null ? "off" : prometheusUrl)
                + " jmx=" + AgentControl.OBJECT_NAME
                + (attached ? " attached=true" : "");
        System.setProperty(AgentProperties.READY, "true");
        AgentLog.info(line);
    }

    private static String text(Duration d) {
        return Durations.format(d);
    }
}
