//! The connection loop: HTTP/1.1 over TCP with a cap on connections (overall and per client
//! address; one more is answered 503 and closed at once), a timeout for a request's headers that
//! also closes a connection idle between requests, and a graceful stop: on the stop signal no new
//! connection is taken, requests in flight have a few seconds to finish, and whatever is still
//! running then is dropped (an upload's temporary file goes with it; the store is transactional).

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::http::ClientAddr;

/// How much of itself the server lends to connections.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    /// A request's headers must arrive within this time, and a connection idle between requests
    /// is closed after it.
    pub header_timeout: Duration,
    /// How long requests in flight may take to finish once a stop is asked for.
    pub stop_grace: Duration,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            max_connections: 512,
            max_connections_per_client: 64,
            header_timeout: Duration::from_secs(20),
            stop_grace: Duration::from_secs(5),
        }
    }
}

/// The connections open per client address.
#[derive(Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

impl PerClient {
    fn enter(self: &Arc<Self>, client: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(client).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(ClientSlot { table: self.clone(), client })
    }
}

/// One open connection of a client, given back when it closes.
struct ClientSlot {
    table: Arc<PerClient>,
    client: IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

/// The most a connection's read buffer grows to (also the longest head a request may have).
const READ_BUFFER_BYTES: usize = 64 * 1024;

/// The answer to a connection over a cap, written straight to the socket.
const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 151\r\n\r\n";
const FULL_BODY: &str = r#"{"protocol":"zhicheng-submission/1","error":{"code":"busy","message":"接收端连接数已满，请稍后重试（将自动重试）。","fields":[]}}"#;

/// Serves `app` on `listener` until `stop` completes, then stops gracefully.
pub async fn serve(listener: TcpListener, app: Router, config: ServerConfig, stop: impl Future<Output = ()>) {
    let connections = Arc::new(Semaphore::new(config.max_connections));
    let per_client = Arc::new(PerClient::default());
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue; }
            },
            () = &mut stop => break,
        };
        let place = connections.clone().try_acquire_owned().ok();
        let slot = per_client.enter(peer.ip(), config.max_connections_per_client);
        let (Some(place), Some(slot)) = (place, slot) else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(config.header_timeout)
            // Read buffers stay small however fast a client sends: 100 uploads must not take
            // 100 × hyper's default 400 KB.
            .max_buf_size(READ_BUFFER_BYTES)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), with_client(app.clone(), peer));
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = watched.await;
            drop((place, slot));
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(config.stop_grace, graceful.shutdown()).await;
}

/// The app as hyper calls it, with the client's address in every request.
fn with_client(
    app: Router,
    peer: SocketAddr,
) -> impl hyper::service::Service<
    hyper::Request<hyper::body::Incoming>,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Future<Output = Result<axum::response::Response, std::convert::Infallible>> + Send,
> {
    hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
        request.extensions_mut().insert(ClientAddr(peer.ip()));
        app.clone().oneshot(request.map(axum::body::Body::new))
    })
}

async fn refuse(mut stream: TcpStream) {
    let answer = async {
        stream.write_all(FULL).await?;
        stream.write_all(FULL_BODY.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), answer).await;
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_refusal_announces_its_length() {
        assert!(std::str::from_utf8(super::FULL)
            .unwrap()
            .contains(&format!("Content-Length: {}", super::FULL_BODY.len())));
    }
}
