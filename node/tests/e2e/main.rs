//! The node's end-to-end tests, one binary (one link of the node and runtime instead of one per
//! file): each module starts real `dmchain-node` processes. Run one with
//! `cargo test --release -p dmchain-node --test e2e registry_e2e`.

mod common;

mod adversarial;
mod chain_spec;
mod client_metadata;
mod registry_e2e;
mod runtime_upgrade;
