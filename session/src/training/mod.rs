//! Training mode's session parts: a receiver in the page that answers like the protocol and
//! follows each persona's script (`receiver`), on the same desk the test double uses (`desk`).

pub mod desk;
pub mod receiver;

pub use receiver::{Keeper, MemoryKeeper, SimulatedReceiver, TRAINING_ENDPOINT};
