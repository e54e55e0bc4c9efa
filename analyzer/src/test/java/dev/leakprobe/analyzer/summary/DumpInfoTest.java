package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpInfoTest {

    @TempDir
    Path dir;

    @Test
    void pidsComeFromTheNamesOfJvmAndAgentDumps() {
        assertThat(DumpInfo.pidFromName("java_pid1884.0001.hprof.gz")).isEqualTo(1884L);
        assertThat(DumpInfo.pidFromName("leaky-chat-4242-20261126-050000-1.hprof"))
                .isEqualTo(4242L);
        assertThat(DumpInfo.pidFromName("heap.hprof")).isNull();
    }

    @Test
    void theSidecarGivesTimeTriggerAndPidElseTheFileDoes() throws IOException {
        Path dump = Files.writeString(dir.resolve("app-7-20261126-050000-1.hprof"), "JAVA PROFILE 1.0.2");
        Files.setLastModifiedTime(dump, FileTime.fromMillis(5_000));

        DumpInfo plain = DumpInfo.of(dump);
        assertThat(plain.epochMillis()).isEqualTo(5_000);
        assertThat(plain.pid()).isEqualTo(7L);
        assertThat(plain.trigger()).isNull();
        assertThat(plain.sidecar()).isFalse();

        Files.writeString(
                dir.resolve(dump.getFileName() + ".json"),
                "{\"leakprobe\":1,\"pid\":9,\"trigger\":\"threshold\",\"startedEpochMillis\":1234}");
        DumpInfo withSidecar = DumpInfo.of(dump);
        assertThat(withSidecar.epochMillis()).isEqualTo(1234);
        assertThat(withSidecar.pid()).isEqualTo(9L);
        assertThat(withSidecar.trigger()).isEqualTo("threshold");

        Files.writeString(dir.resolve(dump.getFileName() + ".json"), "{broken");
        assertThat(DumpInfo.of(dump).epochMillis()).isEqualTo(5_000);
    }
}
