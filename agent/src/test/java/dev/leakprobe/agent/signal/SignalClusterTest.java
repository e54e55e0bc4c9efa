package dev.leakprobe.agent.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalClusterTest {

    @Test
    void aShortClusterIsOneRequestHoweverManySignalsItHeld() {
        assertThat(new SignalCluster(1, 0).isRequest(true)).isTrue();
        assertThat(new SignalCluster(100, TimeUnit.MILLISECONDS.toNanos(900)).isRequest(true))
                .isTrue();
    }

    @Test
    void whileASamplerMaySendOurSignalAClusterOfASecondOrMoreIsSamplerTraffic() {
        assertThat(new SignalCluster(130, TimeUnit.SECONDS.toNanos(1)).isRequest(true))
                .isFalse();
        assertThat(new SignalCluster(2, TimeUnit.SECONDS.toNanos(5)).isRequest(true))
                .isFalse();
        assertThat(new SignalCluster(0, 0).isRequest(true)).isFalse();
    }

    /** Issue 14, item 16: with _JAVA_SR_SIGNUM set, 200 kills 10 ms apart gave no dump. */
    @Test
    void whenNoSamplerCanSendOurSignalEveryClusterIsOneRequestHoweverLong() {
        assertThat(new SignalCluster(200, TimeUnit.MILLISECONDS.toNanos(2500)).isRequest(false))
                .isTrue();
        assertThat(new SignalCluster(2, TimeUnit.SECONDS.toNanos(60)).isRequest(false))
                .isTrue();
        assertThat(new SignalCluster(0, 0).isRequest(false)).isFalse();
        assertThat(SignalCluster.quiet(false)).isGreaterThan(SignalCluster.quiet(true));
    }

    @Test
    void theRecorderGroupsSignalsUntilDrained() throws Exception {
        SignalRecorder recorder = new SignalRecorder();
        assertThat(recorder.hasSignals()).isFalse();
        recorder.handle(null);
        Thread.sleep(20);
        recorder.handle(null);
        assertThat(recorder.hasSignals()).isTrue();
        SignalCluster cluster = recorder.drain();
        assertThat(cluster.signals()).isEqualTo(2);
        assertThat(cluster.spanNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(15), TimeUnit.SECONDS.toNanos(5));
        assertThat(recorder.hasSignals()).isFalse();
        recorder.handle(null);
        assertThat(recorder.drain()).isEqualTo(new SignalCluster(1, 0));
    }
}
