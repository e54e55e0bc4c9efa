import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import dev.leakprobe.demo.http.interceptor.Interceptor;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps the last requests' targets and flushes them every second from a timer. The timer starts when the class is
 * loaded and instantiated; close(), which the worker calls when a reload replaces this interceptor, cancels it, and
 * the timer thread ends: the old class loader and everything it defined can be collected.
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

    /** The fix: stop the timer of the interceptor a reload replaces. */
    @Override
    public void close() {
        flusher.cancel();
    }

    private void flush() {
        int n = 0;
        for (String target = recent.poll(); target != null; target = recent.poll()) {
            flushBuffer[n++ % flushBuffer.length] = (byte) target.length();
        }
    }
}
