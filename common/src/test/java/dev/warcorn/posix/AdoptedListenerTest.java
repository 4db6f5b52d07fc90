package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A listening socket at an arbitrary fd becomes a channel that accepts its connections. */
class AdoptedListenerTest {

    @Test
    void an_adopted_fd_accepts_the_connections_made_to_its_own_port() throws Exception {
        int fd = Sockets.listenTcp(InetAddress.getByName("127.0.0.1"), 0, 16, "bind 127.0.0.1:0");
        int port = Sockets.localAddress(fd).getPort();
        try (ServerSocketChannel channel = AdoptedListener.adopt(fd);
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            try (SocketChannel accepted = channel.accept()) {
                OutputStream out = client.getOutputStream();
                out.write(42);
                out.flush();
                ByteBuffer one = ByteBuffer.allocate(1);
                accepted.read(one);
                assertEquals(42, one.get(0));
                assertEquals(port, ((InetSocketAddress) accepted.getLocalAddress()).getPort(), "the connection came through the adopted socket");
            }
            InputStream ignored = client.getInputStream();
        }
    }
}
