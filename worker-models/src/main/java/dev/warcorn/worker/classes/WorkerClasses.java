package dev.warcorn.worker.classes;

import dev.warcorn.worker.WorkerClass;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Supplier;

/** The registry: a name maps to a built-in class; any other name is a class to load. */
public final class WorkerClasses {
    private static final Map<String, Supplier<WorkerClass>> BUILT_IN = Map.of(
            "sync", SyncWorker::new,
            "virtual", VirtualWorker::new,
            "async", AsyncWorker::new);

    private WorkerClasses() {
    }

    /** Throws {@link IllegalArgumentException} with a message the user can act on. */
    public static WorkerClass create(String name) {
        Supplier<WorkerClass> builtIn = BUILT_IN.get(name);
        if (builtIn != null) return builtIn.get();
        try {
            Class<?> c = Class.forName(name);
            if (!WorkerClass.class.isAssignableFrom(c))
                throw new IllegalArgumentException("--worker-class=" + name + ": does not implement " + WorkerClass.class.getName());
            return (WorkerClass) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--worker-class=" + name + ": unknown; expected sync, virtual, async or a"
                    + " fully-qualified class name on the worker class path");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("--worker-class=" + name + ": needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("--worker-class=" + name + ": constructor failed: " + e.getCause());
        }
    }
}
