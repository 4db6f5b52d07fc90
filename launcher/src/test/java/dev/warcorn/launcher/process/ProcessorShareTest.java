package dev.warcorn.launcher.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each worker JVM is told its share of the processors, never less than one. */
class ProcessorShareTest {
    @Test
    void workers_split_the_processors_between_them() {
        assertEquals(2, WorkerCommand.processorsPerWorker(2, 1));
        assertEquals(1, WorkerCommand.processorsPerWorker(2, 2));
        assertEquals(4, WorkerCommand.processorsPerWorker(16, 4));
        assertEquals(1, WorkerCommand.processorsPerWorker(2, 8), "more workers than cores still see one each");
        assertEquals(2, WorkerCommand.processorsPerWorker(2, 0), "WINCH's zero workers divides by one");
    }
}
