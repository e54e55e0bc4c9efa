package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real advice on {@code DirectByteBuffer$Deallocator}, retransformed in this JVM. */
class DirectBufferTrackingTest {

    private static final int BUFFERS = 20;
    private static final int SIZE = 64 * 1024;

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void bootstrapClassesAreTheBootstrapLoaders() throws Exception {
        assertThat(Class.forName("dev.leakprobe.agent.bootstrap.AllocationDispatcher")
                        .getClassLoader())
                .isNull();
        assertThat(Class.forName("dev.leakprobe.agent.bootstrap.TrackedRef").getClassLoader())
                .isNull();
    }

    @Test
    void recordsTheAllocatingMethodAndSubtractsTheBytesWhenBuffersAreFreed() {
        DirectBufferSites sites = TrackingFixture.start().direct();
        List<ByteBuffer> buffers = allocateBuffers();

        DirectSite.Snapshot site = siteOf(sites, "allocateBuffers");
        assertThat(site.frames().get(0))
                .startsWith(
                        DirectBufferTrackingTest.class.getName() + ".allocateBuffers(DirectBufferTrackingTest.java:");
        assertThat(site.frames().get(1)).contains("recordsTheAllocatingMethod");
        assertThat(site.liveCount()).isEqualTo(BUFFERS);
        assertThat(site.liveBytes()).isEqualTo((long) BUFFERS * SIZE);
        assertThat(buffers).hasSize(BUFFERS);

        buffers = null;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    System.gc();
                    assertThat(siteOf(sites, "allocateBuffers").liveBytes()).isZero();
                });
        DirectSite.Snapshot freed = siteOf(sites, "allocateBuffers");
        assertThat(freed.liveCount()).isZero();
        assertThat(freed.allocatedCount()).isEqualTo(BUFFERS);
        assertThat(freed.allocatedBytes()).isEqualTo((long) BUFFERS * SIZE);
    }

    @Test
    void writesTheSidecarAndExposesTheTopSitesAsGauges(@TempDir Path dir) throws Exception {
        AllocationInstaller.Installed installed = TrackingFixture.start();
        List<ByteBuffer> buffers = allocateForTheSidecar();
        String label =
                siteOf(installed.direct(), "allocateForTheSidecar").frames().get(0);

        installed.writers().get(0).writeBeside(dir.resolve("app-1.hprof"));
        String json = Files.readString(dir.resolve("app-1.hprof.direct-sites.json"), StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith(
                        "{\"leakprobe\":1,\"pid\":" + ProcessHandle.current().pid() + ",")
                .contains("\"droppedSites\":0")
                .contains("{\"frames\":[\"" + label + "\"")
                .contains("\"liveBytes\":" + 3 * SIZE + ",\"liveCount\":3,");
        assertThat(dir.toFile().list()).containsExactly("app-1.hprof.direct-sites.json");
        assertThat(installed.direct().snapshot())
                .as("writing the sidecar borrowed no direct buffer")
                .noneSatisfy(site -> assertThat(site.frames().toString()).contains("SidecarFile"));

        installed.gauges().refresh();
        Gauge gauge = TrackingFixture.registry()
                .find("leakprobe.direct.site.bytes")
                .tag("site", label)
                .gauge();
        assertThat(gauge).isNotNull();
        assertThat(gauge.value()).isEqualTo(3.0 * SIZE);
        assertThat(buffers).hasSize(3);
    }

    /**
     * Issue 24, item 9: {@code FileChannel.map} buffers get a site of their own (the mapping method, marked mapped),
     * with each live buffer's address, and leave it when the mapping goes (the unmapper's advice).
     */
    @Test
    void recordsWhereFilesAreMappedWithEachLiveBuffersAddressAndForgetsThemWhenUnmapped(@TempDir Path dir)
            throws Exception {
        DirectBufferSites sites = TrackingFixture.start().direct();
        List<MappedByteBuffer> regions = mapRegions(dir.resolve("regions.bin"));

        DirectSite.Snapshot site = siteOf(sites, "mapRegions");
        assertThat(site.mapped()).isTrue();
        assertThat(site.liveCount()).isEqualTo(3);
        assertThat(site.liveBytes()).isEqualTo(3L * SIZE);
        assertThat(site.addresses()).hasSize(3).doesNotHaveDuplicates().isSorted();
        assertThat(regions).hasSize(3);

        regions = null;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    System.gc();
                    assertThat(siteOf(sites, "mapRegions").liveCount()).isZero();
                });
        assertThat(siteOf(sites, "mapRegions").addresses()).isEmpty();
    }

    private static List<MappedByteBuffer> mapRegions(Path file) throws IOException {
        List<MappedByteBuffer> regions = new ArrayList<>();
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 3; i++) {
                regions.add(channel.map(FileChannel.MapMode.READ_WRITE, (long) i * SIZE, SIZE));
            }
        }
        return regions;
    }

    @Test
    void theSidecarListsTheAddressOfEachLiveBuffer(@TempDir Path dir) throws Exception {
        AllocationInstaller.Installed installed = TrackingFixture.start();
        List<ByteBuffer> buffers = allocateWithAddresses();

        DirectSite.Snapshot site = siteOf(installed.direct(), "allocateWithAddresses");
        assertThat(site.addresses()).hasSize(2).doesNotHaveDuplicates();
        installed.writers().get(0).writeBeside(dir.resolve("app-2.hprof"));
        String json = Files.readString(dir.resolve("app-2.hprof.direct-sites.json"), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"addresses\":[" + site.addresses().get(0) + ","
                        + site.addresses().get(1) + "]");
        assertThat(buffers).hasSize(2);
    }

    private static List<ByteBuffer> allocateWithAddresses() {
        return List.of(ByteBuffer.allocateDirect(SIZE), ByteBuffer.allocateDirect(SIZE));
    }

    private static List<ByteBuffer> allocateBuffers() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(ByteBuffer.allocateDirect(SIZE));
        }
        return buffers;
    }

    private static List<ByteBuffer> allocateForTheSidecar() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            buffers.add(ByteBuffer.allocateDirect(SIZE));
        }
        return buffers;
    }

    static DirectSite.Snapshot siteOf(DirectBufferSites sites, String method) {
        return sites.snapshot().stream()
                .filter(site -> !site.frames().isEmpty() && site.frames().get(0).contains("." + method + "("))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no site in " + method + ": " + sites.snapshot()));
    }
}
