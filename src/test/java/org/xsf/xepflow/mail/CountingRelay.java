package org.xsf.xepflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
  /** Counted down to let the server's replies through; while it is not, they wait in the relay. */
  private volatile CountDownLatch replies = new CountDownLatch(0);
  private final AtomicInteger repliesWaiting = new AtomicInteger();

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

  /** Holds the server's next replies back, as a slow server does, until {@link #releaseReplies()}. */
  void holdReplies() {
    if (replies.getCount() == 0) {
      replies = new CountDownLatch(1);
    }
  }

  void releaseReplies() {
    replies.countDown();
  }

  /** Connections whose server reply is held back: their client waits for it. */
  int repliesWaiting() {
    return repliesWaiting.get();
  }

  private void accept() {
    try {
      while (!listener.isClosed()) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        accepted.incrementAndGet();
        open.addAll(List.of(client, server));
        pipe(client, server, false, ended::incrementAndGet);
        pipe(server, client, true, () -> { });
      }
    } catch (IOException e) {
      // the relay was closed
    }
  }

  private void pipe(Socket from, Socket to, boolean serverReplies, Runnable whenEnded) {
    daemon(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          if (serverReplies) {
            awaitRelease();
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // one side was closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        whenEnded.run();
      }
    });
  }

  private void awaitRelease() throws InterruptedException {
    CountDownLatch held = replies;
    if (held.getCount() > 0) {
      repliesWaiting.incrementAndGet();
      try {
        held.await();
      } finally {
        repliesWaiting.decrementAndGet();
      }
    }
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
    releaseReplies();
    listener.close();
    dropConnections();
  }
}
