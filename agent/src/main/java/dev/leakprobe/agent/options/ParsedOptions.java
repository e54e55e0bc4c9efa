package dev.leakprobe.agent.options;

/** What parsing the agent's option string gave: options to run with, or the reason the agent stays off. */
public sealed interface ParsedOptions {

    /** The signal to guard even when the options are invalid, so that a stray kill still cannot hurt the JVM. */
    SignalChoice signal();

    record Valid(AgentOptions options) implements ParsedOptions {
        @Override
        public SignalChoice signal() {
            return options.signal();
        }
    }

    /**
     * @param problem one line naming the option and what was expected
     * @param signal the signal the string asked for when that part was valid, else USR2
     */
    record Invalid(String problem, SignalChoice signal) implements ParsedOptions {
        @Override
        public String toString() {
            return problem;
        }
    }
}
