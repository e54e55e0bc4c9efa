package dev.leakprobe.demo.server;

/** The fixed server lets every session go: this leak test passes, in every build. */
class FixedChatLeakTest extends ChatScenario {

    @Override
    Mode mode() {
        return Mode.FIXED;
    }
}
