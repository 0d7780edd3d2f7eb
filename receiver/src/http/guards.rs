//! What surrounds every route: the rate limit per client (429 with `Retry-After`), CORS for the
//! configured origins only (none by default), and the security headers on every answer.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use super::credentials::SECRET_HEADER;
use super::units::UNIT_KEY_HEADER;
use super::Receiver;
use crate::replies::later;

/// The address of the client a request came from, put into each request by the server.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub IpAddr);

/// Requests per second per client address, as GCRA (the algorithm of the `governor` crate,
/// whose web-time dependency would link wasm-bindgen into the receiver): each client has a
/// theoretical arrival time that every request moves on by one interval; a request that would
/// move it further than the burst allows ahead of now is refused.
pub struct RateLimit {
    interval: Duration,
    burst: Duration,
    clients: Mutex<HashMap<IpAddr, Instant>>,
}

impl RateLimit {
    pub fn new(per_second: u32, burst: u32) -> RateLimit {
        let interval = Duration::from_secs(1) / per_second.max(1);
        RateLimit { interval, burst: interval * burst.max(1), clients: Mutex::new(HashMap::new()) }
    }

    /// `Ok` when `client` may ask now, else how long until it may.
    fn check(&self, client: IpAddr) -> Result<(), Duration> {
        let now = Instant::now();
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        let arrival = clients.get(&client).copied().unwrap_or(now).max(now);
        let next = arrival + self.interval;
        if next > now + self.burst {
            return Err(next - now - self.burst);
        }
        clients.insert(client, next);
        Ok(())
    }

    /// Forgets clients whose allowance is full again, so the table holds only recent ones.
    pub fn forget_quiet(&self) {
        let now = Instant::now();
        self.clients.lock().unwrap_or_else(|p| p.into_inner()).retain(|_, arrival| *arrival > now);
    }
}

/// Refuses a client that asks faster than its rate, with the wait in `Retry-After`.
pub async fn rate_limit(State(r): State<Arc<Receiver>>, request: Request, next: Next) -> Response {
    let client = request.extensions().get::<ClientAddr>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0);
    match r.work.rate.check(client) {
        Ok(()) => next.run(request).await,
        Err(wait) => later(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "请求过于频繁，请稍后重试（将自动重试）。",
            wait.as_secs() + 1,
        ),
    }
}

/// The routes with CORS for `origins` and the security headers around them.
pub fn around(routes: Router, origins: &[String]) -> Router {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let routes = if origins.is_empty() {
        routes
    } else {
        routes.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT])
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::AUTHORIZATION,
                    HeaderName::from_static("zhicheng-package-secret"),
                    HeaderName::from_static("zhicheng-unit-key"),
                ])
                .expose_headers([header::RETRY_AFTER])
                .max_age(std::time::Duration::from_secs(600)),
        )
    };
    debug_assert!(SECRET_HEADER.eq_ignore_ascii_case("zhicheng-package-secret"));
    debug_assert!(UNIT_KEY_HEADER.eq_ignore_ascii_case("zhicheng-unit-key"));
    let headers: [(HeaderName, &str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    headers.into_iter().fold(routes, |routes, (name, value)| {
        routes.layer(SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)))
    })
}
