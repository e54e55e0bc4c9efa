package dev.leakprobe.demo.server;

/**
 * The same leak test on the leaking server. Not a test of the build (its name says "scenario", which Surefire does
 * not run): {@link LeakyChatLeakTest} runs it through the JUnit Platform and checks how it fails.
 */
class LeakyChatScenario extends ChatScenario {

    @Override
    Mode mode() {
        return Mode.LEAK;
    }
}
