package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadNamesTest {

    @Test
    void numberedThreadsSortInNumberOrder() {
        List<String> names = new ArrayList<>(List.of("worker-10", "worker-2", "main", "worker-1", "worker-02"));

        names.sort(ThreadNames.NATURAL_ORDER);

        assertThat(names).containsExactly("main", "worker-1", "worker-2", "worker-02", "worker-10");
    }

    @Test
    void aPoolIsNamedByThePatternOfItsThreads() {
        assertThat(ThreadNames.pattern("rates-refresh-1", "rates-refresh-12")).isEqualTo("rates-refresh-N");
        assertThat(ThreadNames.pattern("pool-3-thread-1", "pool-3-thread-4")).isEqualTo("pool-3-thread-N");
        assertThat(ThreadNames.pattern("main", "reaper")).isNull();
        assertThat(ThreadNames.pattern("worker-1", "worker-1a")).isNull();
    }
}
