package dev.warcorn.worker.jetty;

import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * --send-timeout: once a response starts, its stream's idle timeout becomes the send timeout. Until
 * then Jetty applies {@code HttpConfiguration.setIdleTimeout} (--body-timeout) to the request, and it
 * restores the connector's own (--keep-alive) when the request completes. Jetty has one idle timeout
 * per stream, so a pause is bounded by whichever phase the exchange is in: reading the body, or
 * writing the response.
 */
final class SendTimeout extends Handler.Wrapper {
    private final long sendTimeoutMs;

    private SendTimeout(Handler handler, Duration sendTimeout) {
        super(handler);
        this.sendTimeoutMs = sendTimeout.toMillis();
    }

    /** {@code handler} itself when both timeouts are the same: nothing to switch, nothing on the hot path. */
    static Handler wrap(Handler handler, Duration bodyTimeout, Duration sendTimeout) {
        return bodyTimeout.equals(sendTimeout) ? handler : new SendTimeout(handler, sendTimeout);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            private boolean started;

            @Override
            public void send(MetaData.Request req, MetaData.Response res, boolean last, ByteBuffer content, Callback cb) {
                if (!started) {
                    started = true;
                    setIdleTimeout(sendTimeoutMs);
                }
                super.send(req, res, last, content, cb);
            }
        });
        return super.handle(request, response, callback);
    }
}
