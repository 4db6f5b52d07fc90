package dev.warcorn.examples.custom;

import dev.warcorn.common.WorkerSpec;
import dev.warcorn.worker.WorkerClass;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/*
 * Design: the smallest useful custom worker class. A platform pool like sync, whose threads are named
 * "tagged-N", and every response carries "X-Worker-Class: tagged", so a test can see it was used.
 * Run with: --worker-class dev.warcorn.examples.custom.TaggedWorker --worker-classpath custom-worker.jar
 */
public final class TaggedWorker implements WorkerClass {

    @Override
    public ThreadPool threadPool(WorkerSpec spec) {
        QueuedThreadPool pool = new QueuedThreadPool(spec.threads() + 6);
        pool.setName("tagged-" + spec.slot());
        return pool;
    }

    @Override
    public Handler wrap(Handler application, WorkerSpec spec) {
        return new Handler.Wrapper(application) {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) throws Exception {
                response.getHeaders().put("X-Worker-Class", "tagged");
                return super.handle(request, response, callback);
            }
        };
    }
}
