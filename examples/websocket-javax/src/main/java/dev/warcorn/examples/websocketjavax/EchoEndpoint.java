package dev.warcorn.examples.websocketjavax;

import javax.websocket.OnMessage;
import javax.websocket.server.ServerEndpoint;

/** {@code ws://HOST/echo}: answers each text message with {@code echo: } and the message. */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    @OnMessage
    public String echo(String message) {
        return "echo: " + message;
    }
}
