package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Everything binds to IPv4 loopback only: the stack is for this machine, never the network. */
final class Ports {
    static final String LOOPBACK = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private Ports() {
    }

    /** A successful TCP connect is the only check that works for any server (ours or someone else's). */
    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
