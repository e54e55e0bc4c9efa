package dev.leakprobe.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A test method that must not leak: its body runs {@link #warmup()} times, then {@link #iterations()} times, in this
 * JVM. Live heap dumps are taken after the warm-up, midway and at the end, and the test fails with an
 * {@code AssertionFailedError} naming the retention path when some path from a GC root gained at least one object per
 * iteration in every interval and retained more than {@link #allowedGrowth()} more at the end than after the warm-up.
 *
 * <p>{@code @BeforeEach} and {@code @AfterEach} methods run once, around all the runs of the body: set up what the
 * scenario needs there, and let the body be the scenario. The method runs alone, even when tests run in parallel,
 * since other tests' objects would be in its dumps.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LeakTestExtension.class)
@ResourceLock(Resources.GLOBAL)
public @interface LeakTest {

    /** Runs before the first dump, so that caches, class loading and JIT settle. 0 or more. */
    int warmup() default 10;

    /** Runs measured between the first and the last dump. 1 or more; 2 or more for a midway dump. */
    int iterations() default 100;

    /**
     * Retained growth (heap plus off-heap, last dump minus first) of a growing path that is still no leak, in the
     * sizes of the command line: {@code 0B}, {@code 64KB}, {@code 1.5MB}.
     */
    String allowedGrowth() default "0B";

    /**
     * Classes ({@code com.acme.Cache}) or packages ({@code org.gradle}, {@code org.gradle.*}) to leave out: a path
     * that runs through one of them is not reported. For caches that belong to the framework, not to the code under
     * test.
     */
    String[] ignore() default {};

    /** Keeps the dumps (in the dump folder) for {@code bin/leakprobe diff}; they are deleted otherwise. */
    boolean keepDumps() default false;
}
