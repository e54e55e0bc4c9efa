package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.bootstrap.AllocationDispatcher;
import dev.leakprobe.format.Synthetic;
import net.bytebuddy.asm.Advice;

/** Constructor exit advice on tracked classes; each method is one static call to the bootstrap dispatcher. */
final class TrackedClassAdvice {

    /** The field added to tracked classes the agent sees loading: the sampled instance's site id, 0 if unsampled. */
    static final String SITE_FIELD = Synthetic.SITE_FIELD;

    private TrackedClassAdvice() {}

    /** For classes that got the {@link #SITE_FIELD} field. */
    static final class WithField {
        private WithField() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.FieldValue(value = SITE_FIELD, readOnly = false) int site) {
            site = AllocationDispatcher.siteField(site, self);
        }
    }

    /** For classes already loaded when the agent started: retransformation cannot add a field. */
    static final class WithoutField {
        private WithoutField() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            AllocationDispatcher.sampleWithoutField(self);
        }
    }
}
