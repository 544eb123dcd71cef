package org.xsf.xepflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a mail server that counts the connections clients open through it and can
 * drop them all, as a server that times idle connections out or restarts does.
 */
final class CountingRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  CountingRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  int connections() {
    return accepted.get();
  }

  /** Connections not yet closed by either side. */
  int openConnections() {
    return accepted.get() - ended.get();
  }

  /** Closes every connection relayed so far, both ends. */
  void dropConnections() throws IOException {
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  private void accept() {
    try {
      while (!listener.isClosed()) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        accepted.incrementAndGet();
        open.addAll(List.of(client, server));
        pipe(client, server, ended::incrementAndGet);
        pipe(server, client, () -> { });
      }
    } catch (IOException e) {
      // the relay was closed
    }
  }

  private static void pipe(Socket from, Socket to, Runnable whenEnded) {
    daemon(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side was closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        whenEnded.run();
      }
    });
  }

  private static void daemon(Runnable work) {
    Thread thread = new Thread(work, "counting-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    dropConnections();
  }
}
