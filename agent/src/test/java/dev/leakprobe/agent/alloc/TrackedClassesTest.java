package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.leakprobe.agent.alloc.samples.FreshSession;
import dev.leakprobe.agent.alloc.samples.PreloadedSession;
import dev.leakprobe.agent.bootstrap.AllocationDispatcher;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constructor advice on the classes of the {@code samples} package, tracked at one in one by the fixture. */
class TrackedClassesTest {

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void classesLoadedAfterTheStartCarryTheSiteIdOfTheMethodThatCreatedThem() throws Exception {
        Object session = newSession();
        Object chained = newChainedSession();

        Field field = siteField();
        assertThat(Modifier.isPrivate(field.getModifiers())).isTrue();
        assertThat(Modifier.isTransient(field.getModifiers()))
                .as("left out of serialization")
                .isTrue();
        assertThat(field.isSynthetic()).isTrue();
        assertThat(framesOf(field.getInt(session)).get(0))
                .startsWith(TrackedClassesTest.class.getName() + ".newSession(TrackedClassesTest.java:");
        assertThat(framesOf(field.getInt(chained)).get(0))
                .startsWith(TrackedClassesTest.class.getName() + ".newChainedSession(TrackedClassesTest.java:");
        assertThat(field.getInt(session)).isNotEqualTo(field.getInt(chained));
        int[] sameSite = new int[2];
        for (int i = 0; i < 2; i++) {
            sameSite[i] = readSite(field, newSession());
        }
        assertThat(sameSite[0])
                .as("same stack, same site")
                .isEqualTo(sameSite[1])
                .isPositive();
    }

    @Test
    void samplesOneInstanceInN() throws Exception {
        Field field = siteField();
        int sampled = 0;
        AllocationDispatcher.sample = 16;
        try {
            for (int i = 0; i < 3200; i++) {
                if (field.getInt(new FreshSession("user" + i)) != 0) {
                    sampled++;
                }
            }
        } finally {
            AllocationDispatcher.sample = 1;
        }
        assertThat(sampled).as("about 3200 / 16 = 200 sampled").isBetween(120, 300);
    }

    @Test
    void classesLoadedBeforeTheStartAreHeldByTrackedRefsUntilCollected() {
        TrackedRefTable refs = TrackingFixture.start().refs();
        assertThat(refs).as("PreloadedSession was loaded before the start").isNotNull();
        assertThatThrownBy(() -> PreloadedSession.class.getDeclaredField(TrackedClassAdvice.SITE_FIELD))
                .isInstanceOf(NoSuchFieldException.class);
        int before = refs.liveCount();

        List<PreloadedSession> kept = newPreloadedSessions();
        assertThat(refs.liveCount()).isEqualTo(before + 50);
        assertThat(TrackingFixture.start().tracked().snapshot())
                .anySatisfy(site -> assertThat(site.frames().get(0)).contains(".newPreloadedSessions("));

        kept.clear();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    System.gc();
                    assertThat(refs.liveCount()).isLessThanOrEqualTo(before);
                });
    }

    @Test
    void writesTheAllocSitesSidecar(@TempDir Path dir) throws Exception {
        Object session = newSession();
        int id = siteField().getInt(session);

        TrackingFixture.start().writers().get(1).writeBeside(dir.resolve("app-2.hprof"));
        String json = Files.readString(dir.resolve("app-2.hprof.alloc-sites.json"), StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith(
                        "{\"leakprobe\":1,\"pid\":" + ProcessHandle.current().pid() + ",\"sample\":1,\"classes\":[\""
                                + TrackingFixture.SAMPLES + "\"],\"droppedSites\":0,")
                .contains("{\"id\":" + id + ",\"frames\":[\"" + framesOf(id).get(0) + "\"");
    }

    private static Object newSession() {
        return new FreshSession("ada");
    }

    private static Object newChainedSession() {
        return new FreshSession();
    }

    private static List<PreloadedSession> newPreloadedSessions() {
        List<PreloadedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sessions.add(new PreloadedSession(i));
        }
        return sessions;
    }

    private static Field siteField() throws Exception {
        Field field = FreshSession.class.getDeclaredField(TrackedClassAdvice.SITE_FIELD);
        field.setAccessible(true);
        return field;
    }

    private static int readSite(Field field, Object instance) {
        try {
            return field.getInt(instance);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> framesOf(int id) {
        assertThat(id).isPositive();
        return TrackingFixture.start().tracked().snapshot().stream()
                .filter(site -> site.id() == id)
                .findFirst()
                .orElseThrow()
                .frames();
    }
}
