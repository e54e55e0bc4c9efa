package dev.leakprobe.agent.alloc;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.leakprobe.agent.bootstrap.AllocationDispatcher;
import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.timer.AgentTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileDescriptor;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.modifier.FieldPersistence;
import net.bytebuddy.description.modifier.SyntheticState;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Builds the tables, points the bootstrap dispatcher at them and installs the advice. Runs only after
 * {@link BootstrapInjector} succeeded: this class names bootstrap classes, and loading it earlier would load them
 * through the agent's own class loader.
 */
final class AllocationInstaller {

    static final long GAUGE_REFRESH_SECONDS = 5;

    /** What is installed, for the sidecar writers and for tests in this package. */
    record Installed(
            DirectBufferSites direct,
            DirectSiteGauges gauges,
            TrackedSites tracked,
            TrackedRefTable refs,
            List<DumpSidecarWriter> writers) {}

    static volatile Installed current;

    private AllocationInstaller() {}

    static Installed install(Instrumentation instrumentation, AllocationOptions options, MeterRegistry registry) {
        StackCapture stacks = new StackCapture(options.stackDepth());
        DirectBufferSites direct = options.trackDirect()
                ? new DirectBufferSites(
                        DirectBufferSites.DEFAULT_MAX_SITES, DirectBufferSites.DEFAULT_MAX_LIVE_BUFFERS, stacks)
                : null;
        TrackedClassMatcher matcher = new TrackedClassMatcher(options.trackedClasses());
        TrackedSites tracked = matcher.isEmpty() ? null : new TrackedSites(TrackedSites.DEFAULT_MAX_SITES, stacks);
        List<Class<?>> loadedTracked = tracked == null ? List.of() : loadedClasses(instrumentation, matcher);
        TrackedRefTable refs = loadedTracked.isEmpty() ? null : new TrackedRefTable(TrackedRefTable.DEFAULT_MAX_REFS);

        AllocationDispatcher.sample = options.sample();
        AllocationDispatcher.listener = new AgentListener(direct, tracked, refs);

        List<DumpSidecarWriter> writers = new ArrayList<>();
        DirectSiteGauges gauges = null;
        if (direct != null) {
            // Mapped first: retransforming DirectByteBuffer can load the Deallocator on this thread, and a class
            // loaded while Byte Buddy transforms is not transformed; the Deallocator's builder then retransforms it
            // (seen: no direct-buffer site at all when the order was the other way round).
            instrumentMappedBuffers(instrumentation);
            instrumentDirectBuffers(instrumentation);
            gauges = new DirectSiteGauges(direct, registry);
            refreshEvery(gauges, GAUGE_REFRESH_SECONDS);
            writers.add(new DirectSitesSidecar(direct));
        }
        if (tracked != null) {
            instrumentTrackedClasses(instrumentation, matcher);
            if (!loadedTracked.isEmpty()) {
                instrumentLoadedTrackedClasses(instrumentation, Set.copyOf(loadedTracked));
            }
            writers.add(new AllocSitesSidecar(tracked, refs, options.trackedClasses(), options.sample()));
        }
        Installed installed = new Installed(direct, gauges, tracked, refs, List.copyOf(writers));
        current = installed;
        return installed;
    }

    /**
     * Redefines the deallocator of direct buffers (loaded first if it is not yet), then takes the transformer away:
     * while any transformer is registered, the JDK's agent layer copies the bytes of every class that loads into a
     * new array for it, and while the application is out of memory each copy fails with {@code *** java.lang.instrument
     * ASSERTION FAILED ***: can't create byte array} on stderr (issue 19, item 2). Redefined rather than
     * retransformed, so that the advice stays even when another agent retransforms the class later (retransformation
     * starts from the redefined bytes).
     */
    private static void instrumentDirectBuffers(Instrumentation instrumentation) {
        boolean loaded = load(DirectBufferAdvice.DEALLOCATOR);
        ResettableClassFileTransformer transformer = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.REDEFINITION)
                .with(new TransformErrors())
                .ignore(not(nameStartsWith("java.nio.")))
                .type(named(DirectBufferAdvice.DEALLOCATOR))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                                Advice.to(DirectBufferAdvice.Allocated.class).on(isConstructor()))
                        .visit(Advice.to(DirectBufferAdvice.Freed.class)
                                .on(named("run").and(takesNoArguments()))))
                .installOn(instrumentation);
        if (loaded) {
            instrumentation.removeTransformer(transformer);
        }
    }

    /** Loads (without initialising) a JDK class, so that it is redefined now; false if it cannot be found. */
    private static boolean load(String jdkClass) {
        try {
            Class.forName(jdkClass, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // another JDK's name: the transformer stays and instruments it if it ever loads
        }
    }

    /**
     * Mapped buffers ({@code FileChannel.map}): the constructor the JDK calls for them, and the unmapper their cleaner
     * runs. Both are in {@code java.base}; the advice calls only the bootstrap dispatcher.
     */
    private static void instrumentMappedBuffers(Instrumentation instrumentation) {
        // Loaded first, redefined, and the transformer removed, as for the deallocator (see instrumentDirectBuffers).
        boolean loaded = load(DirectBufferAdvice.DIRECT_BUFFER) & load(DirectBufferAdvice.UNMAPPER);
        ResettableClassFileTransformer transformer = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.REDEFINITION)
                .with(new TransformErrors())
                .ignore(not(nameStartsWith("java.nio.").or(nameStartsWith("sun.nio.ch."))))
                .type(named(DirectBufferAdvice.DIRECT_BUFFER))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(DirectBufferAdvice.Mapped.class)
                                .on(isConstructor()
                                        .and(takesArgument(0, int.class))
                                        .and(takesArgument(1, long.class))
                                        .and(takesArgument(2, FileDescriptor.class)))))
                .type(named(DirectBufferAdvice.UNMAPPER))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(DirectBufferAdvice.Unmapped.class)
                                .on(named("run").and(takesNoArguments()))))
                .installOn(instrumentation);
        if (loaded) {
            instrumentation.removeTransformer(transformer);
        }
    }

    /** Classes the agent sees loading get the site field and the advice that sets it. */
    private static void instrumentTrackedClasses(Instrumentation instrumentation, TrackedClassMatcher matcher) {
        ElementMatcher.Junction<TypeDescription> named = ElementMatchers.failSafe(
                type -> matcher.matches(type.getName()) && !type.isInterface() && !type.isAnnotation());
        AgentBuilder.RawMatcher tracked = (type, loader, module, classBeingRedefined, domain) -> {
            try {
                return named.matches(type) && !TrackedClassMatcher.isAgentCode(domain);
            } catch (Throwable e) {
                return false; // A matcher that throws is no match.
            }
        };
        newAgentBuilder()
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new TransformErrors())
                .ignore(ElementMatchers.isSynthetic())
                .type(tracked)
                .transform((builder, type, loader, module, domain) -> builder
                        // private transient: left out of serialVersionUID and serialization; synthetic: left out of
                        // what most reflection-based mappers look at.
                        .defineField(
                                TrackedClassAdvice.SITE_FIELD,
                                int.class,
                                Visibility.PRIVATE,
                                FieldPersistence.TRANSIENT,
                                SyntheticState.SYNTHETIC)
                        .visit(Advice.to(TrackedClassAdvice.WithField.class).on(isConstructor())))
                .installOn(instrumentation);
    }

    /** Classes already loaded (attach) cannot get a field: their sampled instances go to the TrackedRef table. */
    private static void instrumentLoadedTrackedClasses(Instrumentation instrumentation, Set<Class<?>> loaded) {
        newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new TransformErrors())
                .ignore(ElementMatchers.none())
                .type((type, loader, module, classBeingRedefined, domain) ->
                        classBeingRedefined != null && loaded.contains(classBeingRedefined)) // Set.contains: no throw
                .transform((builder, type, loader, module, domain) -> builder.visit(
                        Advice.to(TrackedClassAdvice.WithoutField.class).on(isConstructor())))
                .installOn(instrumentation);
    }

    /**
     * A builder that leaves the application's class loaders alone. On its first use, Byte Buddy's default builder
     * defines its {@code Nexus} class in the system class loader (through {@code sun.misc.Unsafe}, which JDK 24+
     * warns about on stderr); our advice needs no Nexus (every builder here uses no initialization strategy), so
     * it is disabled while the first builder is made. The property is put back at once.
     */
    private static synchronized AgentBuilder newAgentBuilder() {
        String previous = System.getProperty(Nexus.PROPERTY);
        System.setProperty(Nexus.PROPERTY, "true");
        try {
            return new AgentBuilder.Default();
        } finally {
            if (previous == null) {
                System.clearProperty(Nexus.PROPERTY);
            } else {
                System.setProperty(Nexus.PROPERTY, previous);
            }
        }
    }

    private static List<Class<?>> loadedClasses(Instrumentation instrumentation, TrackedClassMatcher matcher) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            try {
                if (matcher.matches(type.getName())
                        && !type.isInterface()
                        && !type.isArray()
                        && !TrackedClassMatcher.isAgentCode(type.getProtectionDomain())
                        && !type.isAnnotation()
                        && instrumentation.isModifiableClass(type)
                        && !hasSiteField(type)) {
                    found.add(type);
                }
            } catch (Throwable e) {
                // A class whose description fails is simply not tracked.
            }
        }
        return found;
    }

    private static boolean hasSiteField(Class<?> type) {
        try {
            type.getDeclaredField(TrackedClassAdvice.SITE_FIELD);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /**
     * On a timer of its own that allocates nothing itself (not a {@code ScheduledExecutorService}, whose worker died
     * of an OutOfMemoryError raised in its task's own catch block: {@code Exception in thread
     * "leakprobe-direct-site-gauges"}, issue 19, item 16).
     */
    private static void refreshEvery(DirectSiteGauges gauges, long seconds) {
        AgentTimer timer = new AgentTimer();
        timer.every(Duration.ofSeconds(seconds), "refreshing the direct-buffer site gauges", gauges::refresh);
        timer.start();
    }

    /** One line per type that could not be instrumented; the application goes on either way. */
    private static final class TransformErrors extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(
                String typeName,
                ClassLoader loader,
                net.bytebuddy.utility.JavaModule module,
                boolean loaded,
                Throwable error) {
            AgentLog.warnOnce(
                    "alloc-transform:" + typeName, "allocation sites: could not instrument " + typeName + ": " + error);
        }
    }
}
