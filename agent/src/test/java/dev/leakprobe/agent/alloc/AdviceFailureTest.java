package dev.leakprobe.agent.alloc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.alloc.samples.FreshSession;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassReloadingStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever fails inside advice or the agent, the application's method returns as if nothing were there. */
class AdviceFailureTest {

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void adviceThatThrowsOnPurposeNeverReachesTheApplication() {
        new ByteBuddy()
                .redefine(Greeter.class)
                .visit(Advice.to(ThrowingAdvice.class).on(named("greet")))
                .make()
                .load(Greeter.class.getClassLoader(), ClassReloadingStrategy.of(TrackingFixture.instrumentation()));

        assertThat(new Greeter().greet("ada")).isEqualTo("hello ada");
        assertThat(ThrowingAdvice.calls).as("the advice did run, and threw").isEqualTo(2);
    }

    @Test
    void aListenerThatThrowsNeverReachesAllocatingCode() throws Exception {
        // Through reflection: a typed assignment would make the verifier load AllocationListener through the test
        // class loader while JUnit discovers this class, before the agent injects it (see ThrowingListener).
        Field listener = Class.forName(BootstrapInjector.DISPATCHER).getField("listener");
        Object previous = listener.get(null);
        listener.set(
                null,
                Class.forName(AdviceFailureTest.class.getPackageName() + ".ThrowingListener")
                        .getDeclaredConstructor()
                        .newInstance());
        try {
            assertThat(ByteBuffer.allocateDirect(4096).capacity()).isEqualTo(4096);
            Object session = new FreshSession("ada");
            assertThat(((FreshSession) session).user()).isEqualTo("ada");
            assertThat(FreshSession.class.getDeclaredField(TrackedClassAdvice.SITE_FIELD))
                    .isNotNull();
        } finally {
            listener.set(null, previous);
        }
    }

    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** Built like the agent's advice (one static call, suppress = Throwable), but the call throws. */
    static final class ThrowingAdvice {
        static int calls;

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            fail();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            fail();
        }

        public static void fail() {
            calls++;
            throw new IllegalStateException("thrown on purpose by advice");
        }
    }
}
