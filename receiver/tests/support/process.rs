//! The receiver as an attacker meets it: the real binary in its own process on a free loopback
//! port (`RECEIVER_BIN` runs another build, for instance the one before a fix, to see a test fail
//! there), and a plain HTTP/1.1 client on raw sockets that can send half a request and wait.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A receiver process; killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub data: PathBuf,
}

/// The options that put a receiver process on the backend the tests run on.
pub fn backend_options(data: &Path) -> Vec<String> {
    let backend = super::backend_for(data);
    let database = backend.database.map(|url| ["--database".to_string(), url]);
    let files = backend.files.map(|url| ["--files".to_string(), url]);
    database.into_iter().chain(files).flatten().collect()
}

pub fn binary() -> PathBuf {
    std::env::var_os("RECEIVER_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_zhicheng-receiver")), PathBuf::from)
}

impl Server {
    /// Starts `serve` on `data` with `options` on a port the system picks, and waits until it
    /// says where it listens. (Picking a free port first and passing it raced with the other tests
    /// doing the same: two receivers were given one port, and a test talked to another's.)
    pub fn start(data: &Path, options: &[&str]) -> Server {
        let forms = super::forms_folder();
        let mut child = Command::new(binary())
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .arg("--forms")
            .arg(&forms)
            .args(options)
            .args(backend_options(data))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the receiver starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let addr: SocketAddr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("the receiver did not say where it listens: {first:?}"));
        // The rest of what it prints is read and dropped, so that it never writes to a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let server = Server { child, addr, data: data.to_path_buf() };
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "the receiver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        stream
    }

    /// One whole request on a new connection; the reply.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream.write_all(&head(method, path, headers, body.len())).unwrap();
        stream.write_all(body).unwrap();
        read_reply(&mut stream)
    }

    /// The resident memory of the process, in bytes.
    pub fn resident_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
    }

    /// Sends a signal (`TERM`, `KILL`) to the process.
    pub fn signal(&self, name: &str) {
        Command::new("kill").args([format!("-{name}"), self.child.id().to_string()]).status().unwrap();
    }

    /// Waits at most `within` for the process to end; its exit code (None: killed by a signal).
    pub fn wait_exit(&mut self, within: Duration) -> Result<Option<i32>, String> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Ok(status.code());
            }
            if started.elapsed() > within {
                return Err(format!("still running after {within:?}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs an operator's command on this server's data folder; its output.
    pub fn operator(&self, args: &[&str]) -> String {
        let out = Command::new(binary()).args(args).arg("--data").arg(&self.data).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request's head, closing the connection after the reply.
pub fn head(method: &str, path: &str, headers: &[(&str, &str)], length: usize) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: receiver.test\r\nConnection: close\r\n");
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-length")) {
        text.push_str(&format!("Content-Length: {length}\r\n"));
    }
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// An HTTP reply as read from the socket.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

/// Reads one reply (until the server closes the connection); a status of 0 when nothing came.
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_reply(&raw)
}

pub fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
    Reply { status, headers, body }
}

/// Whether the server closed `stream` within `within` (a read that ends, rather than times out).
pub fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) => return e.kind() == std::io::ErrorKind::ConnectionReset,
        }
    }
}
