//! Optional HTTPS: the certificate chain and private key (PEM files), a
//! rustls server configuration on the `ring` provider, and a listener that
//! hands TLS streams to `axum::serve`, so both schemes share one server loop.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::pem::{self, PemObject};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use crate::config::Tls;

/// A client that has not finished its handshake by then is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads the PEM files and builds the server configuration (HTTP/1.1 only,
/// as the server speaks nothing else). The error names the file at fault.
pub fn server_config(tls: &Tls) -> Result<Arc<ServerConfig>, String> {
    let cert_path = tls.cert.display();
    let certs = CertificateDer::pem_file_iter(&tls.cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, pem::Error>>())
        .map_err(|error| format!("cannot read the TLS certificate '{cert_path}': {error}"))?;
    if certs.is_empty() {
        return Err(format!(
            "'{cert_path}' holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)"
        ));
    }
    let key = PrivateKeyDer::from_pem_file(&tls.key).map_err(|error| match error {
        pem::Error::NoItemsFound => format!(
            "'{}' holds no private key (expected PEM: -----BEGIN PRIVATE KEY-----)",
            tls.key.display()
        ),
        error => format!("cannot read the TLS key '{}': {error}", tls.key.display()),
    })?;

    let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("TLS set-up failed: {error}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|error| {
            format!(
                "'{cert_path}' and '{}' do not make a usable certificate and key: {error}",
                tls.key.display()
            )
        })?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Accepts TCP connections (from any listener of TCP-like streams, such as
/// [`crate::conn::Limited`]) and completes their TLS handshakes in separate
/// tasks, so one slow or silent client never holds up the others.
pub struct TlsListener<Io> {
    ready: mpsc::Receiver<(TlsStream<Io>, SocketAddr)>,
    local_addr: SocketAddr,
}

impl<Io> TlsListener<Io>
where
    Io: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    /// Starts accepting on `tcp` (needs a Tokio runtime). Dropping the
    /// listener stops the accept loop and closes the socket.
    pub fn new<L>(tcp: L, config: Arc<ServerConfig>) -> io::Result<TlsListener<Io>>
    where
        L: Listener<Io = Io, Addr = SocketAddr>,
    {
        let local_addr = tcp.local_addr()?;
        let (sender, ready) = mpsc::channel(32);
        tokio::spawn(accept_loop(tcp, TlsAcceptor::from(config), sender));
        Ok(TlsListener { ready, local_addr })
    }
}

async fn accept_loop<L>(
    mut tcp: L,
    acceptor: TlsAcceptor,
    ready: mpsc::Sender<(TlsStream<L::Io>, SocketAddr)>,
) where
    L: Listener<Addr = SocketAddr>,
{
    loop {
        // axum's own accept: it retries after errors such as EMFILE.
        let (stream, peer) = tokio::select! {
            accepted = tcp.accept() => accepted,
            () = ready.closed() => return,
        };
        let acceptor = acceptor.clone();
        let ready = ready.clone();
        tokio::spawn(async move {
            // A failed handshake (an untrusted certificate, plain HTTP on this
            // port) or a stalled one only loses that connection.
            if let Ok(Ok(stream)) =
                tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await
            {
                let _ = ready.send((stream, peer)).await;
            }
        });
    }
}

impl<Io> Listener for TlsListener<Io>
where
    Io: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Io = TlsStream<Io>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(connection) => connection,
            // The accept loop only ends once this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.local_addr)
    }
}
