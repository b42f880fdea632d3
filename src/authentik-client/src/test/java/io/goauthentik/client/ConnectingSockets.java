package io.goauthentik.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/** Sockets whose {@code connect} does what a test says: hang, time out, fail. OkHttp only makes unconnected ones. */
final class ConnectingSockets extends SocketFactory {
  /** What {@code connect} does. */
  interface Connect {
    void connect(SocketAddress endpoint, int timeoutMillis) throws IOException;
  }

  private final Connect connect;

  ConnectingSockets(Connect connect) {
    this.connect = connect;
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        connect.connect(endpoint, timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException();
  }
}
