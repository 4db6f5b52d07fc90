package dev.warcorn.worker.jetty;

import dev.warcorn.worker.WorkerHooks;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Runs the {@link WorkerHooks}' preRequest and postRequest around the application; absent when there are none. */
final class RequestHooks extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(RequestHooks.class);

    private final List<WorkerHooks> hooks;
    private final WorkerHooks.Worker worker;

    private RequestHooks(Handler application, List<WorkerHooks> hooks, WorkerHooks.Worker worker) {
        super(application);
        this.hooks = List.copyOf(hooks);
        this.worker = worker;
    }

    static Handler wrap(Handler application, List<WorkerHooks> hooks, WorkerHooks.Worker worker) {
        return hooks.isEmpty() ? application : new RequestHooks(application, hooks, worker);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        for (WorkerHooks h : hooks) {
            try {
                h.preRequest(worker, request);
            } catch (RuntimeException e) {
                log.warn("{}.preRequest failed for {}: {}", h.getClass().getName(), request.getHttpURI().getPath(), e.toString());
            }
        }
        Callback after = new Callback() {
            @Override
            public void succeeded() {
                callback.succeeded();
                post(request, response.getStatus(), null, start);
            }

            @Override
            public void failed(Throwable x) {
                callback.failed(x);
                post(request, response.getStatus(), x, start);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, after);
        } catch (Exception | Error e) {
            post(request, 500, e, start);
            throw e;
        }
        if (!handled) post(request, 404, null, start);
        return handled;
    }

    private void post(Request request, int status, Throwable failure, long start) {
        long nanos = System.nanoTime() - start;
        for (WorkerHooks h : hooks) {
            try {
                h.postRequest(worker, request, status, failure, nanos);
            } catch (RuntimeException e) {
                log.warn("{}.postRequest failed for {}: {}", h.getClass().getName(), request.getHttpURI().getPath(), e.toString());
            }
        }
    }
}
