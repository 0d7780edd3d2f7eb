//! Browser entry point: mounts the declaration app into the page.

fn main() {
    zhicheng::start();
}
