package dev.leakprobe.agent.timer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 14, item 4: a periodic task that throws, out of memory, is run again, and so are the others. */
class AgentTimerTest {

    @Test
    void aTaskThatThrowsEveryTimeIsRunAgainAndTheOthersGoOn() {
        AtomicInteger failing = new AtomicInteger();
        AtomicInteger undescribable = new AtomicInteger();
        AtomicInteger healthy = new AtomicInteger();
        AgentTimer timer = new AgentTimer();
        timer.every(Duration.ofMillis(20), "failing", () -> {
            failing.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        });
        timer.every(Duration.ofMillis(20), "undescribable", () -> {
            undescribable.incrementAndGet();
            throw new OutOfMemoryError() {
                private static final long serialVersionUID = 1L;

                @Override
                public String toString() {
                    throw new OutOfMemoryError();
                }
            };
        });
        timer.every(Duration.ofMillis(20), "healthy", healthy::incrementAndGet);
        timer.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> failing.get() >= 5 && undescribable.get() >= 5 && healthy.get() >= 5);
        assertThatThrownBy(() -> timer.every(Duration.ofSeconds(1), "late", () -> {}))
                .isInstanceOf(IllegalStateException.class);
    }
}
