//! Training mode's session parts: a receiver in the page that answers like the protocol and
//! follows each persona's script (`receiver`), on the same desk the test double uses (`desk`);
//! each persona's draft put in the training shelf (`seed`).

pub mod desk;
pub mod receiver;
pub mod seed;

pub use receiver::{Keeper, MemoryKeeper, SimulatedReceiver, TRAINING_ENDPOINT};
pub use seed::{persona_draft_id, persona_of, seed};
