//! How each pallet of the runtime is configured, one domain a file.

pub mod access;
pub mod audit;
pub mod consensus;
pub mod governance;
pub mod monetary;
pub mod operators;
pub mod registry;
pub mod sessions;
pub mod system;

pub use system::RuntimeBlockWeights;
