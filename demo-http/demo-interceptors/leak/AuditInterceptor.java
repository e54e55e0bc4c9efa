import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import dev.leakprobe.demo.http.interceptor.Interceptor;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps the last requests' targets and flushes them every second from a timer. The timer starts when the class is
 * loaded and instantiated, and nothing ever stops it: after a reload the old timer thread runs on, and through its
 * task it keeps this interceptor, its class, its class loader and its buffer alive. One more of each per reload.
 */
public class AuditInterceptor implements Interceptor {

    private final ConcurrentLinkedQueue<String> recent = new ConcurrentLinkedQueue<>();
    private final byte[] flushBuffer = new byte[256 * 1024];
    private final Timer flusher = new Timer("audit-flush");

    public AuditInterceptor() {
        flusher.schedule(
                new TimerTask() {
                    @Override
                    public void run() {
                        flush();
                    }
                },
                1_000,
                1_000);
    }

    @Override
    public Optional<Response> intercept(Request request) {
        recent.add(request.target());
        return Optional.empty();
    }

    private void flush() {
        int n = 0;
        for (String target = recent.poll(); target != null; target = recent.poll()) {
            flushBuffer[n++ % flushBuffer.length] = (byte) target.length();
        }
    }
}
