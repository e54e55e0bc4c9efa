import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import dev.leakprobe.demo.http.interceptor.Interceptor;
import java.util.Optional;

/** An example interceptor: answers GET /health at once; every other request goes on to the handler. */
public class HealthInterceptor implements Interceptor {

    @Override
    public Optional<Response> intercept(Request request) {
        if (request.method().equals("GET") && request.target().equals("/health")) {
            return Optional.of(Response.text(200, "ok\n"));
        }
        return Optional.empty();
    }
}
