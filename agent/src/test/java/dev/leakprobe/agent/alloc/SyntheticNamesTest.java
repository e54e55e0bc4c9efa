package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.bootstrap.AllocationDispatcher;
import dev.leakprobe.agent.bootstrap.AllocationListener;
import dev.leakprobe.agent.bootstrap.TrackedRef;
import dev.leakprobe.format.Synthetic;
import org.junit.jupiter.api.Test;

/** The names the analyzer looks for in dumps (format module) are those of the agent's real classes and field. */
class SyntheticNamesTest {

    @Test
    void theFormatNamesTheBootstrapClassesAndTheTrackedRefsSiteField() throws Exception {
        assertThat(Synthetic.TRACKED_REF_CLASS).isEqualTo(TrackedRef.class.getName());
        assertThat(Synthetic.DISPATCHER_CLASS).isEqualTo(AllocationDispatcher.class.getName());
        assertThat(Synthetic.LISTENER_CLASS).isEqualTo(AllocationListener.class.getName());
        assertThat(TrackedRef.class.getPackageName() + ".").isEqualTo(Synthetic.BOOTSTRAP_PACKAGE);
        assertThat(TrackedRef.class.getField(Synthetic.TRACKED_REF_SITE_FIELD).getType())
                .isEqualTo(int.class);
        assertThat(TrackedClassAdvice.SITE_FIELD).isEqualTo(Synthetic.SITE_FIELD);
    }
}
