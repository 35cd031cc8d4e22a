//! The connections themselves: at most `--max-connections` served at once
//! ([`Limited`]), each closed after `--idle-timeout` without a byte read or
//! written ([`Guarded`]).
//!
//! The cap holds a semaphore permit per connection, taken *before* the
//! next `accept`: at the cap the server stops accepting and new clients
//! wait in the kernel's backlog (they are not refused). The permit goes
//! with the connection's IO and is released when hyper drops it. Under
//! TLS ([`crate::tls::TlsListener`]) the cap and the clock wrap the TCP
//! listener, so handshakes count too.
//!
//! The idle clock runs while the server waits for the client: between
//! requests (keep-alive), while a request's head or body arrives, while an
//! answer is being sent. Each byte read or written restarts it, so a slow
//! but moving upload (2G, 30 KB/s) is never cut. It stops while a request
//! is being handled after its body has arrived (a slow database is not the
//! client's silence): [`pause_idle_clock`] tells the connection so; the
//! request timeout bounds that time instead.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

use crate::tls::TlsListener;

/// What a connection's IO and the requests on it share.
#[derive(Debug)]
pub struct ConnState {
    opened: Instant,
    /// Last activity, in milliseconds after `opened`.
    last: AtomicU64,
    /// Requests being handled on this connection…
    handling: AtomicUsize,
    /// …and of those, how many wait for their body.
    waiting: AtomicUsize,
}

impl ConnState {
    fn new() -> ConnState {
        ConnState {
            opened: Instant::now(),
            last: AtomicU64::new(0),
            handling: AtomicUsize::new(0),
            waiting: AtomicUsize::new(0),
        }
    }

    /// Restarts the idle clock.
    fn touch(&self) {
        let ms = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.fetch_max(ms, Ordering::Relaxed);
    }

    fn last_activity(&self) -> Instant {
        self.opened + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }

    /// The server is working on a request and waits for nothing from the
    /// client.
    fn server_busy(&self) -> bool {
        self.handling.load(Ordering::Acquire) > self.waiting.load(Ordering::Acquire)
    }
}

/// A connection's IO with its permit and its idle clock.
pub struct Guarded<T> {
    io: T,
    state: Arc<ConnState>,
    idle: Duration,
    /// Never later than the true deadline: it may fire early, then it is
    /// set again (one timer update per quiet spell, not per read).
    sleep: Pin<Box<Sleep>>,
    _permit: OwnedSemaphorePermit,
}

impl<T> Guarded<T> {
    fn new(io: T, permit: OwnedSemaphorePermit, idle: Duration) -> Guarded<T> {
        let state = Arc::new(ConnState::new());
        let sleep = Box::pin(tokio::time::sleep_until(state.last_activity() + idle));
        Guarded {
            io,
            state,
            idle,
            sleep,
            _permit: permit,
        }
    }

    /// Called when the IO has nothing to do: the error that ends an idle
    /// connection, or `Pending` (the waker is registered with the timer).
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        loop {
            if self.state.server_busy() {
                return Poll::Pending;
            }
            let deadline = self.state.last_activity() + self.idle;
            if Instant::now() >= deadline {
                return Poll::Ready(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no byte read or written for the idle timeout",
                ));
            }
            if self.sleep.deadline() > deadline {
                self.sleep.as_mut().reset(deadline);
            }
            match self.sleep.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                // Fired for an older deadline: set the current one.
                Poll::Ready(()) => self.sleep.as_mut().reset(deadline),
            }
        }
    }

    fn pending_or_idle<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        match self.poll_idle(cx) {
            Poll::Ready(error) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }

    /// After a write was polled: bytes written restart the clock; a write
    /// that waits runs it.
    fn wrote(&mut self, cx: &mut Context<'_>, polled: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match polled {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.state.touch();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => self.pending_or_idle(cx),
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Guarded<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.io).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.state.touch();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => this.pending_or_idle(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Guarded<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        this.wrote(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.wrote(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_flush(cx) {
            Poll::Pending => this.pending_or_idle(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.io).poll_shutdown(cx) {
            Poll::Pending => this.pending_or_idle(cx),
            ready => ready,
        }
    }
}

/// A listener that serves at most `max` connections at once, each with an
/// idle clock.
pub struct Limited<L> {
    inner: L,
    permits: Arc<Semaphore>,
    idle: Duration,
}

impl<L> Limited<L> {
    pub fn new(inner: L, max_connections: usize, idle: Duration) -> Limited<L> {
        let max = max_connections.clamp(1, Semaphore::MAX_PERMITS);
        Limited {
            inner,
            permits: Arc::new(Semaphore::new(max)),
            idle,
        }
    }
}

impl<L: Listener> Listener for Limited<L> {
    type Io = Guarded<L::Io>;
    type Addr = L::Addr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // The permit first: at the cap, no accept (the backlog queues).
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("the connection semaphore is never closed");
        let (io, addr) = self.inner.accept().await;
        (Guarded::new(io, permit, self.idle), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// The connection a request came on (`ConnectInfo<Peer>`): the client's
/// address (the write-rate limit counts by it) and the idle clock.
#[derive(Clone, Debug)]
pub struct Peer {
    pub addr: SocketAddr,
    conn: Arc<ConnState>,
}

impl<L> Connected<IncomingStream<'_, Limited<L>>> for Peer
where
    L: Listener<Addr = SocketAddr>,
{
    fn connect_info(stream: IncomingStream<'_, Limited<L>>) -> Peer {
        Peer {
            addr: *stream.remote_addr(),
            conn: stream.io().state.clone(),
        }
    }
}

impl<T> Connected<IncomingStream<'_, TlsListener<Guarded<T>>>> for Peer
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn connect_info(stream: IncomingStream<'_, TlsListener<Guarded<T>>>) -> Peer {
        Peer {
            addr: *stream.remote_addr(),
            conn: stream.io().get_ref().0.state.clone(),
        }
    }
}

/// The client's address of a request: from [`Peer`], or from axum's own
/// `ConnectInfo<SocketAddr>`; `None` when served without either.
pub fn peer_addr(request: &Request) -> Option<SocketAddr> {
    let extensions = request.extensions();
    extensions
        .get::<ConnectInfo<Peer>>()
        .map(|info| info.0.addr)
        .or_else(|| {
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0)
        })
}

/// Stops the connection's idle clock while this request is handled, except
/// while the handler waits for more of the body (then the client is the
/// one to move).
pub async fn pause_idle_clock(request: Request, next: Next) -> Response {
    let conn = request
        .extensions()
        .get::<ConnectInfo<Peer>>()
        .map(|info| info.0.conn.clone());
    let Some(conn) = conn else {
        return next.run(request).await;
    };
    let _handling = Handling::new(conn.clone());
    let request = request.map(|body| {
        Body::new(WatchedBody {
            body,
            conn,
            waiting: false,
        })
    });
    next.run(request).await
}

/// One request being handled, for as long as it lives.
struct Handling(Arc<ConnState>);

impl Handling {
    fn new(conn: Arc<ConnState>) -> Handling {
        conn.handling.fetch_add(1, Ordering::AcqRel);
        Handling(conn)
    }
}

impl Drop for Handling {
    fn drop(&mut self) {
        // The clock starts again from now, not from the last byte before
        // the server's work.
        self.0.touch();
        self.0.handling.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A request body that says when the handler waits for it.
struct WatchedBody {
    body: Body,
    conn: Arc<ConnState>,
    waiting: bool,
}

impl WatchedBody {
    fn set_waiting(&mut self, waiting: bool) {
        if waiting == self.waiting {
            return;
        }
        self.conn.touch();
        if waiting {
            self.conn.waiting.fetch_add(1, Ordering::AcqRel);
        } else {
            self.conn.waiting.fetch_sub(1, Ordering::AcqRel);
        }
        self.waiting = waiting;
    }
}

impl HttpBody for WatchedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.body).poll_frame(cx);
        this.set_waiting(polled.is_pending());
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for WatchedBody {
    fn drop(&mut self) {
        self.set_waiting(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn guarded(idle_ms: u64) -> (Guarded<tokio::io::DuplexStream>, tokio::io::DuplexStream) {
        let (server, client) = tokio::io::duplex(64);
        let permit = Arc::new(Semaphore::new(1)).try_acquire_owned().unwrap();
        (
            Guarded::new(server, permit, Duration::from_millis(idle_ms)),
            client,
        )
    }

    #[tokio::test]
    async fn silence_ends_the_connection() {
        let (mut server, _client) = guarded(200);
        let started = std::time::Instant::now();
        let mut buf = [0u8; 8];
        let error = server.read(&mut buf).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() >= Duration::from_millis(190));
    }

    #[tokio::test]
    async fn each_byte_restarts_the_clock() {
        let (mut server, mut client) = guarded(300);
        let feeder = tokio::spawn(async move {
            for _ in 0..8 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                client.write_all(b"x").await.unwrap();
            }
            client
        });
        let mut buf = [0u8; 1];
        for _ in 0..8 {
            server.read_exact(&mut buf).await.unwrap();
        }
        let _client = feeder.await.unwrap();
        // Then silence: closed.
        assert!(server.read(&mut buf).await.is_err());
    }

    #[tokio::test]
    async fn the_clock_stops_while_the_server_works() {
        let (mut server, _client) = guarded(150);
        let state = server.state.clone();
        let handling = Handling::new(state.clone());
        let mut buf = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_millis(400), server.read(&mut buf)).await;
        assert!(read.is_err(), "still open while the server works");
        drop(handling);
        let error = server.read(&mut buf).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
    }
}
