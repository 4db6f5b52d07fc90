package dev.warcorn.worker.jetty;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConnectorTest {
    @Test
    void emfile_and_enfile_pause_accepting_and_other_accept_failures_do_not() {
        assertTrue(WorkerConnector.outOfFiles(new IOException("Too many open files")), "EMFILE, as the JDK words it");
        assertTrue(WorkerConnector.outOfFiles(new IOException("Too many open files in system")), "ENFILE");
        assertFalse(WorkerConnector.outOfFiles(new IOException("Connection reset by peer")));
        assertFalse(WorkerConnector.outOfFiles(new IOException()), "no message");
    }
}
