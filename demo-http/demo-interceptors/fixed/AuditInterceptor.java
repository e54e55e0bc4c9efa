import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import dev.leakprobe.demo.http.interceptor.Interceptor;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests and writes the count into its buffer every second, from a timer. The timer starts when the class is
 * loaded and instantiated; close(), which the worker calls when a reload replaces this interceptor, cancels it, and
 * the timer thread ends: the old class loader and everything it defined can be collected.
 */
public class AuditInterceptor implements Interceptor {

    private final LongAdder requests = new LongAdder();
    // Module-level state, as a reloaded Node module keeps: it lives as long as this class and its loader.
    private static final byte[] FLUSH_BUFFER = new byte[512 * 1024];

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
        requests.increment();
        return Optional.empty();
    }

    /** The fix: stop the timer of the interceptor a reload replaces. */
    @Override
    public void close() {
        flusher.cancel();
    }

    private void flush() {
        long count = requests.sumThenReset();
        FLUSH_BUFFER[(int) (count % FLUSH_BUFFER.length)]++;
    }
}
